import { describe, expect, it, vi } from 'vitest';
import { EXIT_MARKER_KEY, installBackGuard, rememberQuickExit } from './backGuard';

function fakeTarget() {
  const listeners: ((event: Event) => void)[] = [];
  return {
    target: { addEventListener: (_type: string, listener: (event: Event) => void) => listeners.push(listener) } as unknown as Window,
    fire: (persisted: boolean) => {
      const event = new Event('pageshow') as PageTransitionEvent;
      Object.defineProperty(event, 'persisted', { value: persisted });
      listeners.forEach((listener) => listener(event));
    },
  };
}

describe('back guard (older Cocon entries after a quick exit)', () => {
  it('leaves at once when a Cocon page is reached with Back after a quick exit', () => {
    rememberQuickExit(window.localStorage);
    const leave = vi.fn();

    const leaving = installBackGuard({ storage: window.localStorage, navigationKind: 'back_forward', leave, target: fakeTarget().target });

    expect(leaving).toBe(true);
    expect(leave).toHaveBeenCalledTimes(1);
  });

  it('does nothing on Back when there was no quick exit', () => {
    const leave = vi.fn();
    expect(installBackGuard({ storage: window.localStorage, navigationKind: 'back_forward', leave, target: fakeTarget().target })).toBe(false);
    expect(leave).not.toHaveBeenCalled();
  });

  it('forgets the quick exit when Cocon is opened on purpose', () => {
    rememberQuickExit(window.localStorage);
    const leave = vi.fn();

    expect(installBackGuard({ storage: window.localStorage, navigationKind: 'navigate', leave, target: fakeTarget().target })).toBe(false);

    expect(leave).not.toHaveBeenCalled();
    expect(window.localStorage.getItem(EXIT_MARKER_KEY)).toBeNull();
  });

  it('also leaves when the page comes back from the back-forward cache', () => {
    const { target, fire } = fakeTarget();
    const leave = vi.fn();
    installBackGuard({ storage: window.localStorage, navigationKind: 'navigate', leave, target });

    fire(true);
    expect(leave).not.toHaveBeenCalled();

    rememberQuickExit(window.localStorage);
    fire(false);
    expect(leave).not.toHaveBeenCalled();
    fire(true);
    expect(leave).toHaveBeenCalledTimes(1);
  });
});
