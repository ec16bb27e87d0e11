import type { ChatTransport, ConnectionState } from '../chat/stompClient';
import type { ChatEvent } from '../chat/types';

/**
 * A stand-in for the live chat channel: no socket. Tests decide when it is online, push
 * server events with `emit`, and read what the app published in `published`.
 */
export class FakeTransport implements ChatTransport {
  state: ConnectionState = 'stopped';
  published: { destination: string; body: unknown }[] = [];
  typingWatched = new Map<string, number>();
  /** destination → listeners of `watchTopic` */
  topics = new Map<string, Set<(body: unknown) => void>>();
  startCount = 0;
  /** When false, `start()` leaves the transport `connecting` (call `goOnline()`). */
  autoConnect: boolean;
  private stateListeners = new Set<(state: ConnectionState) => void>();
  private eventListeners = new Set<(event: ChatEvent) => void>();

  constructor({ autoConnect = true }: { autoConnect?: boolean } = {}) {
    this.autoConnect = autoConnect;
  }

  start(): void {
    this.startCount += 1;
    this.setState('connecting');
    if (this.autoConnect) this.setState('online');
  }

  stop(): void {
    this.setState('stopped');
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEvent(listener: (event: ChatEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  publish(destination: string, body: unknown): boolean {
    if (this.state !== 'online') return false;
    this.published.push({ destination, body });
    return true;
  }

  watchTyping(conversationId: string): () => void {
    this.typingWatched.set(conversationId, (this.typingWatched.get(conversationId) ?? 0) + 1);
    return () => this.typingWatched.set(conversationId, (this.typingWatched.get(conversationId) ?? 1) - 1);
  }

  watchTopic(destination: string, listener: (body: unknown) => void): () => void {
    const listeners = this.topics.get(destination) ?? new Set();
    listeners.add(listener);
    this.topics.set(destination, listeners);
    return () => listeners.delete(listener);
  }

  /** The server sends `body` to a destination followed with `watchTopic`. */
  deliver(destination: string, body: unknown): void {
    for (const listener of [...(this.topics.get(destination) ?? [])]) listener(body);
  }

  /** How many listeners follow a destination right now. */
  watching(destination: string): number {
    return this.topics.get(destination)?.size ?? 0;
  }

  goOnline(): void {
    this.setState('online');
  }

  goOffline(): void {
    this.setState('reconnecting');
  }

  emit(event: ChatEvent): void {
    for (const listener of [...this.eventListeners]) listener(event);
  }

  /** What was published to destinations ending with `suffix` (e.g. `/messages`). */
  sentTo(suffix: string): unknown[] {
    return this.published.filter((p) => p.destination.endsWith(suffix)).map((p) => p.body);
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}
