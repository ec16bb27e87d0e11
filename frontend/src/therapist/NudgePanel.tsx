import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, useErrorText } from '../app/feedback';
import { intlLocale, useFormatDate } from '../app/format';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from '../auth/problem';
import { useApiResource } from '../auth/useApiResource';
import { NudgeComposer } from './NudgeComposer';
import { formatLocal, knownTimeZone, localDateTime, nudgeApi, sendAtValue, parseNudge, parseNudges, parseTemplates, type Nudge, type NudgeAction } from './nudges';
import { NudgeTemplates } from './NudgeTemplates';

/** How long after its time a planned nudge is looked for again (the server dispatches every few seconds). */
const DUE_GRACE_MS = 8_000;
/** Timers longer than this are not worth keeping: the page is reloaded long before. */
const MAX_WAIT_MS = 6 * 60 * 60 * 1000;

interface NudgePanelProps {
  clientId: string;
  name: string;
  /** The client's time zone as another part of the page learned it (check-in trends), if any. */
  timezone: string | null;
  /** A nudge went out now (the message thread may show it). */
  onSent?: () => void;
  now?: () => Date;
}

/** Write and plan nudges, use and keep templates, and follow what became of each nudge. */
export function NudgePanel({ clientId, name, timezone, onSent, now }: NudgePanelProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const nudges = useApiResource<unknown>(nudgeApi.ofClient(clientId));
  const templates = useApiResource<unknown>(nudgeApi.templates);
  const list = nudges.data === null ? [] : parseNudges(nudges.data);
  const [announcement, setAnnouncement] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const locale = intlLocale(i18n.resolvedLanguage);
  // The nudges carry the client's time zone; before the first one, the check-ins tell it.
  const zone = [list[0]?.timezone, timezone].find((z): z is string => typeof z === 'string' && knownTimeZone(z)) ?? null;
  const { reload } = nudges;
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;

  // A planned nudge goes out on the server by itself: look again a little after the first is due.
  const firstDue = list.filter((n) => n.status === 'SCHEDULED').reduce((first, n) => Math.min(first, Date.parse(n.sendAt) || Infinity), Infinity);
  useEffect(() => {
    if (!Number.isFinite(firstDue)) return undefined;
    const wait = Math.min(Math.max(firstDue - Date.now(), 0) + DUE_GRACE_MS, MAX_WAIT_MS);
    const timer = setTimeout(() => {
      reload();
      onSentRef.current?.();
    }, wait);
    return () => clearTimeout(timer);
  }, [firstDue, reload]);

  const created = (nudge: Nudge) => {
    nudges.set([nudge, ...list]);
    nudges.reload();
    if (nudge.status === 'SCHEDULED') {
      setAnnouncement({ kind: 'success', text: t('nudge.scheduled', { when: formatLocal(nudge.localSendAt, locale), timezone: nudge.timezone || zone || '' }) });
    } else {
      setAnnouncement({ kind: 'success', text: t('nudge.sent', { name }) });
      onSent?.();
    }
  };

  const act = async (nudge: Nudge, action: NudgeAction) => {
    setBusy(nudge.id);
    setAnnouncement(null);
    try {
      const changed = parseNudge(await api.request<unknown>(nudgeApi.action(clientId, nudge.id, action), { method: 'POST' }));
      if (changed) nudges.set(list.map((n) => (n.id === changed.id ? changed : n)));
      nudges.reload();
      setAnnouncement({ kind: 'success', text: t(`nudge.done.${action}`) });
      if (changed?.status === 'SENT') onSent?.();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : null;
      const superseded = code === 'nudge.superseded';
      const conflict = superseded || code === 'nudge.not-scheduled' || code === 'nudge.not-suggested';
      setAnnouncement({ kind: 'error', text: superseded ? t('nudge.errors.superseded') : conflict ? t('nudge.errors.changed') : errorText(error) });
      if (conflict) nudges.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack nudge-panel">
      <div className="live" role="status">
        {announcement?.kind === 'success' && <p className="notice notice--success">{announcement.text}</p>}
      </div>
      <div className="live" role="alert">
        {announcement?.kind === 'error' && <p className="notice notice--error">{announcement.text}</p>}
      </div>
      <NudgeComposer
        clientId={clientId}
        name={name}
        timezone={zone}
        templates={templates.data === null ? [] : parseTemplates(templates.data)}
        onCreated={created}
        {...(now ? { now } : {})}
      />
      {templates.status === 'error' && <ErrorNotice error={templates.error} onRetry={templates.reload} />}
      <NudgeTemplates templates={templates.data === null ? [] : parseTemplates(templates.data)} onChanged={templates.reload} />

      <h3>{t('nudge.listTitle')}</h3>
      {nudges.status === 'loading' && nudges.data === null && <Loading />}
      {nudges.status === 'error' && <ErrorNotice error={nudges.error} onRetry={nudges.reload} />}
      {nudges.data !== null && list.length === 0 && <p className="muted">{t('nudge.none')}</p>}
      {list.length > 0 && (
        <ul className="nudge-list">
          {list.map((nudge) => (
            <NudgeItem key={nudge.id} nudge={nudge} busy={busy === nudge.id} onAct={(action) => void act(nudge, action)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function NudgeItem({ nudge, busy, onAct }: { nudge: Nudge; busy: boolean; onAct: (action: NudgeAction) => void }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const locale = intlLocale(i18n.resolvedLanguage);
  const reason = nudge.reason ? t(`nudge.reasons.${nudge.reason}`) : null;
  const local = nudge.localSendAt ? formatLocal(nudge.localSendAt, locale) : formatDate(nudge.sendAt, { withTime: true });
  // Every time on the list is the client's own, as when planning.
  const sent = nudge.sentAt && knownTimeZone(nudge.timezone) ? formatLocal(sendAtValue(localDateTime(new Date(nudge.sentAt), nudge.timezone)), locale) : null;

  return (
    <li className={`nudge-item nudge-item--${nudge.status}`} data-nudge={nudge.id} data-status={nudge.status}>
      <p className="nudge-item__head">
        <span className={`nudge-status nudge-status--${nudge.status}`}>{t(`nudge.status.${nudge.status}`)}</span>
        {nudge.origin === 'ADAPTIVE' && <span className="nudge-item__origin">{reason ? t('nudge.adaptiveBecause', { reason }) : t('nudge.adaptive')}</span>}
      </p>
      <p className="nudge-item__text">{nudge.text}</p>
      <p className="nudge-item__meta">
        {nudge.status === 'SENT' && nudge.sentAt
          ? sent
            ? t('nudge.sentAt', { when: sent, timezone: nudge.timezone })
            : t('nudge.sentAtHere', { when: formatDate(nudge.sentAt, { withTime: true }) })
          : nudge.status === 'SCHEDULED' || nudge.status === 'SUGGESTED'
            ? t('nudge.plannedFor', { when: local, timezone: nudge.timezone })
            : t('nudge.createdAt', { when: formatDate(nudge.createdAt, { withTime: true }) })}
      </p>
      {nudge.status === 'SCHEDULED' && (
        <div className="actions">
          <button type="button" className="button button--secondary button--small" aria-disabled={busy || undefined} onClick={() => !busy && onAct('cancel')}>
            {t('nudge.cancel')}
          </button>
        </div>
      )}
      {nudge.status === 'SUGGESTED' && (
        <div className="actions">
          <button type="button" className="button button--small" aria-disabled={busy || undefined} onClick={() => !busy && onAct('approve')}>
            {t('nudge.approve')}
          </button>
          <button type="button" className="button button--secondary button--small" aria-disabled={busy || undefined} onClick={() => !busy && onAct('dismiss')}>
            {t('nudge.dismiss')}
          </button>
        </div>
      )}
    </li>
  );
}
