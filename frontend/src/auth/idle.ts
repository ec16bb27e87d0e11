/*
 * Idle sign-out: after a while without activity (keys, pointer, touch) the app warns, counts
 * down and then signs the person out, so nobody else reads on at a shared or borrowed device.
 * The tabs of one browser share the last activity (BroadcastChannel, or the storage event
 * where that is missing), so working in one tab keeps the others signed in too.
 */

/** What the watcher tells the page. */
export type IdleState = { phase: 'active' } | { phase: 'warning'; secondsLeft: number };

/** How tabs tell each other about activity. */
export interface ActivityChannel {
  publish(at: number): void;
  subscribe(listener: (at: number) => void): () => void;
  close(): void;
}

export interface IdleWatchOptions {
  timeoutMs: number;
  /** How long before the sign-out the warning shows. */
  warningMs: number;
  onChange(state: IdleState): void;
  onTimeout(): void;
  channel?: ActivityChannel;
  now?: () => number;
}

/** How often the watcher looks at the time (and the countdown moves). */
export const TICK_MS = 1000;

/** Local activity is shared with other tabs at most this often. */
const PUBLISH_EVERY_MS = 5000;

export class IdleWatch {
  private lastActivity = 0;
  private lastPublished = 0;
  private state: IdleState = { phase: 'active' };
  private timer: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly now: () => number;
  private readonly options: IdleWatchOptions;

  constructor(options: IdleWatchOptions) {
    this.options = options;
    this.now = options.now ?? (() => Date.now());
  }

  start(): void {
    this.lastActivity = this.now();
    this.unsubscribe = this.options.channel?.subscribe((at) => this.seenElsewhere(at)) ?? null;
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /**
   * A key, pointer or touch in this tab. While the warning shows it does not count: the
   * person answers the warning itself (a tap on "sign out now" must not first cancel it).
   */
  activity(): void {
    if (this.state.phase === 'warning') return;
    this.touch();
  }

  /** "Stay signed in". */
  stay(): void {
    this.touch();
  }

  private touch(): void {
    const now = this.now();
    this.lastActivity = now;
    if (now - this.lastPublished >= PUBLISH_EVERY_MS) {
      this.lastPublished = now;
      this.options.channel?.publish(now);
    }
    this.tick();
  }

  private seenElsewhere(at: number): void {
    if (at > this.lastActivity) {
      this.lastActivity = at;
      this.tick();
    }
  }

  private tick(): void {
    if (this.timer === null) return;
    const left = this.options.timeoutMs - (this.now() - this.lastActivity);
    if (left <= 0) {
      this.stop();
      this.options.onTimeout();
      return;
    }
    const next: IdleState = left <= this.options.warningMs ? { phase: 'warning', secondsLeft: Math.ceil(left / 1000) } : { phase: 'active' };
    if (next.phase !== this.state.phase || (next.phase === 'warning' && this.state.phase === 'warning' && next.secondsLeft !== this.state.secondsLeft)) {
      this.state = next;
      this.options.onChange(next);
    }
  }
}

const CHANNEL_NAME = 'cocon-activity';
const STORAGE_KEY = 'cocon.activity';

/** The channel between this browser's tabs: BroadcastChannel where there is one, else the storage event. */
export function browserActivityChannel(): ActivityChannel {
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(CHANNEL_NAME);
    return {
      publish: (at) => channel.postMessage({ at }),
      subscribe: (listener) => {
        const onMessage = (event: MessageEvent) => {
          const at: unknown = (event.data as { at?: unknown } | null)?.at;
          if (typeof at === 'number') listener(at);
        };
        channel.addEventListener('message', onMessage);
        return () => channel.removeEventListener('message', onMessage);
      },
      close: () => channel.close(),
    };
  }
  return {
    publish: (at) => {
      try {
        window.localStorage.setItem(STORAGE_KEY, String(at));
      } catch {
        // Storage blocked: tabs then watch on their own.
      }
    },
    subscribe: (listener) => {
      const onStorage = (event: StorageEvent) => {
        const at = event.key === STORAGE_KEY && event.newValue ? Number(event.newValue) : NaN;
        if (Number.isFinite(at)) listener(at);
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
    close: () => undefined,
  };
}
