import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { knownRoles, type Me } from '../auth/me';
import { ChatStore, type ChatState } from './chatStore';
import { createStompTransport, type ChatTransport, type StompTransportOptions } from './stompClient';

/** What the chat needs from outside; tests replace the live channel with a fake. */
export interface ChatServices {
  createTransport: (options: StompTransportOptions) => ChatTransport;
}

const ChatContext = createContext<ChatStore | null>(null);

/**
 * Clients, therapists and moderators (who join a client's conversation when needed, and follow
 * escalations live) have the live channel; admins have no conversations and open no connection.
 */
export function canChat(me: Me | null): boolean {
  return me !== null && knownRoles(me.roles).some((role) => role === 'CLIENT' || role === 'THERAPIST' || role === 'MODERATOR');
}

/**
 * Holds the chat of the signed-in person for the whole tab: ONE live connection, opened
 * when someone who can chat is signed in and closed when they sign out, whichever page is
 * shown (so unread counts and presence stay live on the home page too).
 */
export function ChatProvider({ services, children }: { services?: Partial<ChatServices> | undefined; children: ReactNode }) {
  const auth = useAuth();
  const meId = canChat(auth.me) ? (auth.me?.id ?? null) : null;

  // The store lives as long as the person; token and API client are read through refs, so a
  // renewed token or a new API client never restarts the connection.
  const authRef = useRef(auth);
  authRef.current = auth;
  const createTransport = services?.createTransport ?? createStompTransport;
  const createRef = useRef(createTransport);
  createRef.current = createTransport;

  const store = useMemo(() => {
    if (!meId) return null;
    return new ChatStore({
      meId,
      api: { request: (path, init) => authRef.current.api.request(path, init) },
      transport: createRef.current({ accessToken: (options) => authRef.current.accessToken(options) }),
    });
  }, [meId]);

  useEffect(() => {
    if (!store) return undefined;
    store.start();
    return () => store.stop();
  }, [store]);

  return <ChatContext.Provider value={store}>{children}</ChatContext.Provider>;
}

/** The chat of this tab, or null when nobody who can chat is signed in. */
export function useChatStore(): ChatStore | null {
  return useContext(ChatContext);
}

const noSubscription = () => () => undefined;
const noState = () => null;

/** The chat state; re-renders on every change. */
export function useChatState(): ChatState | null {
  const store = useChatStore();
  return useSyncExternalStore(store ? store.subscribe : noSubscription, store ? store.getState : noState, store ? store.getState : noState);
}

/** Memoised list of conversations with a last message first (as the server sorts them). */
export function useConversationList() {
  const state = useChatState();
  const conversations = state?.conversations;
  return useMemo(() => {
    if (!conversations) return [];
    return Object.values(conversations)
      .filter((c) => c.participants.length > 0)
      .sort((a, b) => (b.lastMessage?.at ?? '').localeCompare(a.lastMessage?.at ?? '') || a.id.localeCompare(b.id));
  }, [conversations]);
}

/**
 * Follows a destination on the tab's live connection while the component is shown (null = none);
 * `listener` gets each frame's JSON body. Returns the connection state, so a page can fetch what it
 * missed after a reconnect.
 */
export function useLiveTopic(destination: string | null, listener: (body: unknown) => void): ChatState['connection'] | null {
  const store = useChatStore();
  const state = useChatState();
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  useEffect(() => {
    if (!store || !destination) return undefined;
    return store.watchTopic(destination, (body) => listenerRef.current(body));
  }, [store, destination]);
  return state?.connection ?? null;
}
