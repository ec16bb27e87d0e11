import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useLiveTopic } from '../chat/ChatProvider';
import { parseEscalationEvent, parseEscalations, type EscalationEvent, type EscalationSummary } from '../safety/types';
import { initialQueue, queueReducer, type QueueState, type QueueStatus } from './queue';

export interface EscalationQueue extends QueueState {
  reload: () => void;
  /** Puts an escalation the page just changed (claim, join, resolve) into the list. */
  replace: (escalation: EscalationSummary) => void;
}

interface Options {
  /** The list request, e.g. `/api/escalations?status=OPEN` or `/api/caseload/escalations`. */
  path: string;
  status: QueueStatus;
  /** Where the live events come from (`/topic/escalations`, `/user/queue/escalations`). */
  destination: string;
  /** Told about every live event after it is in the list. */
  onEvent?: (event: EscalationEvent) => void;
}

/**
 * A list of escalations kept live: loaded over REST, then changed by the events on the tab's one
 * STOMP connection, and loaded again after a reconnect (events sent meanwhile are lost).
 */
export function useEscalationQueue({ path, status, destination, onEvent }: Options): EscalationQueue {
  const { api } = useAuth();
  const [state, dispatch] = useReducer(queueReducer, status, initialQueue);
  const [version, setVersion] = useState(0);
  const requests = useRef(0);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  const connection = useLiveTopic(destination, (body) => {
    const event = parseEscalationEvent(body);
    if (!event) return;
    dispatch({ type: 'event', event });
    onEventRef.current?.(event);
  });

  useEffect(() => {
    const controller = new AbortController();
    const request = ++requests.current;
    dispatch({ type: 'request', status, request });
    api
      .request<unknown>(path, { signal: controller.signal })
      .then((body) => dispatch({ type: 'loaded', request, items: parseEscalations(body) }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'failed', request, error });
      });
    return () => controller.abort();
  }, [api, path, status, version]);

  // Back online after a lost connection: what happened meanwhile came as no event.
  const previous = useRef(connection);
  useEffect(() => {
    const before = previous.current;
    previous.current = connection;
    if (connection === 'online' && before !== null && before !== 'online') setVersion((n) => n + 1);
  }, [connection]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const replace = useCallback((escalation: EscalationSummary) => dispatch({ type: 'replace', escalation }), []);
  return { ...state, reload, replace };
}
