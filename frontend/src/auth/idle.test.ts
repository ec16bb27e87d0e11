import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWatch, type ActivityChannel, type IdleState } from './idle';

/** Tabs of one browser, in memory. */
function sharedChannel() {
  const listeners = new Set<(at: number) => void>();
  const open = (): ActivityChannel => {
    const mine = new Set<(at: number) => void>();
    return {
      publish: (at) => listeners.forEach((listener) => (mine.has(listener) ? undefined : listener(at))),
      subscribe: (listener) => {
        listeners.add(listener);
        mine.add(listener);
        return () => listeners.delete(listener);
      },
      close: () => undefined,
    };
  };
  return { open };
}

function watch(options: { channel?: ActivityChannel } = {}) {
  const states: IdleState[] = [];
  const onTimeout = vi.fn();
  const idle = new IdleWatch({ timeoutMs: 120_000, warningMs: 60_000, onChange: (state) => states.push(state), onTimeout, ...options });
  idle.start();
  return { idle, states, onTimeout, last: () => states[states.length - 1] };
}

describe('idle sign-out', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns when the warning time is left, counts down each second, then signs out', () => {
    const { states, onTimeout, last } = watch();

    vi.advanceTimersByTime(59_000);
    expect(states).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(last()).toEqual({ phase: 'warning', secondsLeft: 60 });
    vi.advanceTimersByTime(15_000);
    expect(last()).toEqual({ phase: 'warning', secondsLeft: 45 });
    expect(onTimeout).not.toHaveBeenCalled();

    vi.advanceTimersByTime(45_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('activity before the warning starts the time again', () => {
    const { idle, states, onTimeout } = watch();

    vi.advanceTimersByTime(50_000);
    idle.activity();
    vi.advanceTimersByTime(50_000);

    expect(states).toEqual([]);
    vi.advanceTimersByTime(70_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('while warning, only "stay signed in" counts, not any key or tap', () => {
    const { idle, onTimeout, last } = watch();
    vi.advanceTimersByTime(70_000);

    idle.activity();
    expect(last()).toEqual({ phase: 'warning', secondsLeft: 50 });
    idle.stay();
    expect(last()).toEqual({ phase: 'active' });

    vi.advanceTimersByTime(119_000);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('activity in another tab keeps this one signed in, also during the warning', () => {
    const tabs = sharedChannel();
    const here = watch({ channel: tabs.open() });
    const there = watch({ channel: tabs.open() });

    vi.advanceTimersByTime(70_000);
    expect(here.last()).toEqual({ phase: 'warning', secondsLeft: 50 });
    there.idle.stay();

    expect(here.last()).toEqual({ phase: 'active' });
    vi.advanceTimersByTime(100_000);
    expect(here.onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20_000);
    expect(here.onTimeout).toHaveBeenCalledTimes(1);
    expect(there.onTimeout).toHaveBeenCalledTimes(1);
  });

  it('a device that slept past the idle time signs out at once', () => {
    const { onTimeout, states } = watch();
    vi.setSystemTime(Date.now() + 3_600_000);
    vi.advanceTimersByTime(1_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(states).toEqual([]);
  });

  it('stops watching when stopped', () => {
    const { idle, onTimeout } = watch();
    idle.stop();
    vi.advanceTimersByTime(600_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
