import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { CheckboxField } from '../app/forms';
import { useAuth } from '../auth/AuthProvider';
import { realBrowserPush, type BrowserPush } from './browserPush';
import { keyBytes, parsePreferences, pushApi, type PushKind, type PushPreferences } from './pushApi';
import './push.css';

/** Where this browser's device id is remembered, to remove it from the server later. */
const DEVICE_KEY = 'cocon.push.device';

type Support = 'checking' | 'ok' | 'unsupported' | 'no-worker';

interface Props {
  /** Which kinds this person can get: nudges and check-in reminders are for clients. */
  kinds: readonly PushKind[];
  browser?: BrowserPush;
}

/**
 * Notifications on this device, and which kinds. Permission is asked only when the person
 * presses the button; nothing is switched on until they choose it.
 */
export function NotificationSettings({ kinds, browser = realBrowserPush }: Props) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [support, setSupport] = useState<Support>('checking');
  const [permission, setPermission] = useState<NotificationPermission>('default');
  const [subscribed, setSubscribed] = useState(false);
  const [preferences, setPreferences] = useState<PushPreferences | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const loadPreferences = useCallback(async () => {
    setPreferences(parsePreferences(await api.request<unknown>(pushApi.preferences)));
  }, [api]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const found = await browser.support();
        if (cancelled) return;
        setSupport(found);
        if (found === 'ok') {
          setPermission(browser.permission());
          setSubscribed((await browser.current()) !== null);
        }
        await loadPreferences();
      } catch (error) {
        if (!cancelled) setFailure(error);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [browser, loadPreferences]);

  const turnOn = async () => {
    setBusy(true);
    setFailure(null);
    setStatus(null);
    try {
      const answer = await browser.requestPermission();
      setPermission(answer);
      if (answer !== 'granted') return;
      const { publicKey } = await api.request<{ publicKey: string }>(pushApi.vapidKey);
      const subscription = await browser.subscribe(keyBytes(publicKey));
      const registered = await api.request<{ id: string }>(pushApi.subscriptions, { method: 'PUT', body: subscription });
      localStorage.setItem(DEVICE_KEY, registered.id);
      setSubscribed(true);
      setStatus(t('push.device.on'));
      await loadPreferences();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const turnOff = async () => {
    setBusy(true);
    setFailure(null);
    setStatus(null);
    try {
      let id = localStorage.getItem(DEVICE_KEY);
      const current = await browser.current();
      if (!id && current) id = (await api.request<{ id: string }>(pushApi.subscriptions, { method: 'PUT', body: current })).id;
      if (id) await api.request<void>(pushApi.subscription(id), { method: 'DELETE' });
      await browser.unsubscribe();
      localStorage.removeItem(DEVICE_KEY);
      setSubscribed(false);
      setStatus(t('push.device.off'));
      await loadPreferences();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (kind: PushKind, on: boolean) => {
    setFailure(null);
    setStatus(null);
    try {
      const saved = parsePreferences(await api.request<unknown>(pushApi.preferences, { method: 'PUT', body: { [kind]: on } }));
      setPreferences(saved);
      setStatus(t('push.kinds.saved'));
    } catch (error) {
      setFailure(error);
    }
  };

  if (support === 'checking') return <Loading />;

  return (
    <div className="push-settings">
      <section className="card" aria-labelledby="push-device-title">
        <h2 id="push-device-title">{t('push.device.title')}</h2>
        <p className="muted">{t('push.discretion')}</p>
        {support === 'unsupported' && <p className="notice">{t('push.unsupported')}</p>}
        {support === 'no-worker' && <p className="notice">{t('push.noWorker')}</p>}
        {support === 'ok' && permission === 'denied' && <p className="notice">{t('push.denied')}</p>}
        {support === 'ok' && permission !== 'denied' && (
          <div className="actions">
            {subscribed ? (
              <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => !busy && void turnOff()}>
                {t('push.device.turnOff')}
              </button>
            ) : (
              <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => !busy && void turnOn()}>
                {t('push.device.turnOn')}
              </button>
            )}
          </div>
        )}
      </section>

      {preferences && (
        <section className="card" aria-labelledby="push-kinds-title">
          <h2 id="push-kinds-title">{t('push.kinds.title')}</h2>
          {preferences.devices === 0 && <p className="muted">{t('push.kinds.noDevice')}</p>}
          <fieldset className="form">
            <legend className="visually-hidden">{t('push.kinds.title')}</legend>
            {kinds.map((kind) => (
              <CheckboxField key={kind} label={t(`push.kinds.${kind}`)} checked={preferences[kind]} onChange={(event) => void toggle(kind, event.target.checked)} />
            ))}
          </fieldset>
        </section>
      )}

      <div className="live" role="status">
        {status && <p className="notice notice--success">{status}</p>}
      </div>
      {failure !== null && <ErrorNotice error={failure} />}
    </div>
  );
}
