import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../safety/Dialog';
import '../safety/safety.css';
import { useAuth } from './AuthProvider';
import { browserActivityChannel, IdleWatch, type ActivityChannel, type IdleState } from './idle';
import { knownRoles } from './me';

/** The browser events that count as activity. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'touchstart'] as const;

interface IdleSignOutProps {
  /** Replaces the channel between tabs (tests). */
  createChannel?: () => ActivityChannel;
}

/**
 * Signs a signed-in person out after the idle time the server sets (`GET /auth/config`,
 * shorter for clients than for staff), after a warning that counts down. Activity in any
 * tab of this browser keeps every tab signed in. Renders nothing until the warning.
 */
export function IdleSignOut({ createChannel = browserActivityChannel }: IdleSignOutProps) {
  const { t } = useTranslation();
  const auth = useAuth();
  const [state, setState] = useState<IdleState>({ phase: 'active' });
  const watch = useRef<IdleWatch | null>(null);
  const { signOut } = auth;
  const idle = auth.config?.idleSignOut;
  const staff = auth.me ? knownRoles(auth.me.roles).some((role) => role !== 'CLIENT') : false;
  const watching = auth.user !== null && auth.me !== null && !auth.signingOut && idle !== undefined;
  const timeoutSeconds = idle ? (staff ? idle.staffSeconds : idle.clientSeconds) : 0;
  const warningSeconds = idle?.warningSeconds ?? 0;

  useEffect(() => {
    if (!watching) return undefined;
    const channel = createChannel();
    const current = new IdleWatch({
      timeoutMs: timeoutSeconds * 1000,
      warningMs: warningSeconds * 1000,
      channel,
      onChange: setState,
      onTimeout: () => {
        setState({ phase: 'active' });
        void signOut({ reason: 'idle' });
      },
    });
    const onActivity = () => current.activity();
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    current.start();
    watch.current = current;
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
      current.stop();
      channel.close();
      watch.current = null;
      setState({ phase: 'active' });
    };
  }, [watching, timeoutSeconds, warningSeconds, signOut, createChannel]);

  if (state.phase !== 'warning') return null;

  const stay = () => watch.current?.stay();
  return (
    <Dialog labelledBy="idle-title" onClose={stay} className="dialog--idle">
      <h2 id="idle-title" className="dialog__title" tabIndex={-1}>
        {t('idle.title')}
      </h2>
      <p>{t('idle.text', { seconds: state.secondsLeft })}</p>
      <div className="actions">
        <button type="button" className="button" onClick={stay}>
          {t('idle.stay')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void signOut({ reason: 'idle' })}>
          {t('idle.signOutNow')}
        </button>
      </div>
    </Dialog>
  );
}
