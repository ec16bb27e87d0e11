import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { CheckboxField, SelectField } from '../app/forms';
import { Link } from '../app/Link';
import { ROUTES, useSearchParam } from '../app/router';
import type { Me } from '../auth/me';
import { RequireSignIn } from '../auth/RequireSignIn';
import { ESCALATION_TOPIC, safetyApi, SEVERITIES, type EscalationEvent, type EscalationSummary } from '../safety/types';
import { beep, readSoundSetting, storeSoundSetting, titleWithCount, unlockAudio } from './alerts';
import { Age, categoryText, OverdueLabel, SeverityBadge, StatusText, useNow } from './EscalationBits';
import { EscalationPanel } from './EscalationPanel';
import { applyFilter, DEFAULT_FILTER, isAlert, unclaimedCount, type QueueFilter } from './queue';
import { useEscalationQueue } from './useEscalationQueue';
import '../safety/safety.css';
import './moderation.css';

/** How long a changed item stays highlighted in the queue. */
export const FLASH_MS = 8000;

/** `/moderation?id=<escalation id>` */
export function moderationPath(escalationId?: string | null): string {
  return escalationId ? `${ROUTES.moderation}?id=${encodeURIComponent(escalationId)}` : ROUTES.moderation;
}

/** `/moderation`: the moderators' live queue of escalations and the detail of the one selected. */
export function ModerationPage() {
  return <RequireSignIn role="MODERATOR">{(me) => <Console me={me} />}</RequireSignIn>;
}

interface Flash {
  /** Changes with every event, so the highlight starts again. */
  round: number;
  fresh: boolean;
}

function Console({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const selectedId = useSearchParam('id');
  const [filter, setFilter] = useState<QueueFilter>(DEFAULT_FILTER);
  const [sound, setSound] = useState(() => readSoundSetting());
  const [alerts, setAlerts] = useState<EscalationEvent[]>([]);
  const [flashes, setFlashes] = useState<ReadonlyMap<string, Flash>>(new Map());
  const [detailVersion, setDetailVersion] = useState(0);
  const now = useNow();
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const flash = useCallback((id: string, fresh: boolean) => {
    setFlashes((current) => new Map(current).set(id, { round: (current.get(id)?.round ?? 0) + 1, fresh: fresh || (current.get(id)?.fresh ?? false) }));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFlashes((current) => {
        const next = new Map(current);
        next.delete(id);
        return next;
      });
    }, FLASH_MS);
    timers.current.add(timer);
  }, []);

  const onEvent = (event: EscalationEvent) => {
    flash(event.escalation.id, event.type === 'OPENED');
    if (isAlert(event)) {
      setAlerts((current) => [event, ...current.filter((e) => e.escalation.id !== event.escalation.id)]);
      if (soundRef.current) beep();
    }
    if (event.escalation.id === selectedRef.current) setDetailVersion((n) => n + 1);
  };

  const queue = useEscalationQueue({ path: safetyApi.escalations(filter.status), status: filter.status, destination: ESCALATION_TOPIC, onEvent });
  const shown = applyFilter(queue.items, filter);
  const waiting = filter.status === 'OPEN' ? unclaimedCount(queue.items) : 0;

  // The tab title counts the escalations nobody has claimed yet, so they are seen from other tabs.
  // (Again after a language change: i18n then writes the plain title.)
  useEffect(() => {
    const apply = () => {
      document.title = titleWithCount(i18n.t('meta.tabTitle'), waiting);
    };
    apply();
    i18n.on('languageChanged', apply);
    return () => {
      i18n.off('languageChanged', apply);
      document.title = i18n.t('meta.tabTitle');
    };
  }, [waiting, i18n]);

  // Opening an escalation counts as having seen its alert.
  useEffect(() => {
    if (selectedId) setAlerts((current) => current.filter((e) => e.escalation.id !== selectedId));
  }, [selectedId]);

  const toggleSound = (on: boolean) => {
    setSound(on);
    storeSoundSetting(on);
    if (on) unlockAudio();
  };

  return (
    <div className="page moderation">
      <div>
        <h1>{t('moderation.title')}</h1>
        <p className="page__intro">{t('moderation.intro')}</p>
      </div>

      <AlertBanner alerts={alerts} onDismiss={() => setAlerts([])} />

      <div className="moderation__tools card">
        <SelectField
          label={t('moderation.filters.status')}
          value={filter.status}
          onChange={(event) => setFilter((f) => ({ ...f, status: event.target.value === 'RESOLVED' ? 'RESOLVED' : 'OPEN' }))}
        >
          <option value="OPEN">{t('moderation.filters.open')}</option>
          <option value="RESOLVED">{t('moderation.filters.resolved')}</option>
        </SelectField>
        <SelectField
          label={t('moderation.filters.severity')}
          value={filter.severity}
          onChange={(event) => {
            const value = SEVERITIES.find((s) => s === event.target.value) ?? 'ALL';
            setFilter((f) => ({ ...f, severity: value }));
          }}
        >
          <option value="ALL">{t('moderation.filters.all')}</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {t(`escalation.severity.${severity}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t('moderation.filters.overdueOnly')}
          checked={filter.overdueOnly}
          onChange={(event) => setFilter((f) => ({ ...f, overdueOnly: event.target.checked }))}
        />
        <CheckboxField label={t('moderation.sound')} checked={sound} onChange={(event) => toggleSound(event.target.checked)} />
      </div>

      <div className={`moderation__panes${selectedId ? ' moderation__panes--open' : ''}`}>
        <section className="moderation__queue" aria-labelledby="queue-title">
          <h2 id="queue-title">
            {filter.status === 'OPEN' ? t('moderation.queue.title') : t('moderation.queue.resolvedTitle')}{' '}
            <span className="moderation__count">({shown.length})</span>
          </h2>
          {queue.load === 'loading' && queue.items.length === 0 && <Loading />}
          {queue.load === 'error' && <ErrorNotice error={queue.error} onRetry={queue.reload} />}
          {queue.load === 'ready' && shown.length === 0 && (
            <p className="card empty">
              {queue.items.length > 0
                ? t('moderation.queue.emptyFiltered')
                : filter.status === 'OPEN'
                  ? t('moderation.queue.empty')
                  : t('moderation.queue.emptyResolved')}
            </p>
          )}
          {shown.length > 0 && (
            <ul className="escalation-list">
              {shown.map((escalation) => (
                <QueueItem
                  key={escalation.id}
                  escalation={escalation}
                  selected={escalation.id === selectedId}
                  flash={flashes.get(escalation.id) ?? null}
                  now={now}
                  meId={me.id}
                />
              ))}
            </ul>
          )}
        </section>

        <div className="moderation__detail">
          {selectedId ? (
            <EscalationPanel
              key={selectedId}
              id={selectedId}
              me={me}
              now={now}
              version={detailVersion}
              onChanged={queue.replace}
              onConflict={queue.reload}
            />
          ) : (
            <p className="card empty moderation__choose">{t('moderation.detail.choose')}</p>
          )}
        </div>
      </div>
    </div>
  );
}

/** The newest alert, highlighted, with a way to open it; announced at once to screen readers. */
function AlertBanner({ alerts, onDismiss }: { alerts: EscalationEvent[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  const latest = alerts[0];
  return (
    <div className="live" role="alert">
      {latest && (
        <div className="moderation-alert">
          <svg className="moderation-alert__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 3.5 2.5 20h19L12 3.5Z" />
            <path d="M12 10v4.5M12 17v.5" />
          </svg>
          <div className="moderation-alert__text">
            <p>
              <strong>{t(`moderation.alert.${latest.type === 'OPENED' ? 'new' : latest.type === 'OVERDUE' ? 'overdue' : 'signal'}`, { name: latest.escalation.client.pseudonym })}</strong>{' '}
              <SeverityBadge severity={latest.escalation.severity} />
            </p>
            {alerts.length > 1 && <p className="moderation-alert__more">{t('moderation.alert.more', { count: alerts.length - 1 })}</p>}
          </div>
          <div className="moderation-alert__actions">
            <Link className="button button--small" to={moderationPath(latest.escalation.id)}>
              {t('moderation.alert.open')}
            </Link>
            <button type="button" className="button button--secondary button--small" onClick={onDismiss}>
              {t('moderation.alert.dismiss')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function shorten(text: string, max = 140): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

interface QueueItemProps {
  escalation: EscalationSummary;
  selected: boolean;
  flash: Flash | null;
  now: number;
  meId: string;
}

function QueueItem({ escalation, selected, flash, now, meId }: QueueItemProps) {
  const { t } = useTranslation();
  const signal = escalation.lastSignal;
  const classes = [
    'escalation-item',
    `escalation-item--${escalation.severity}`,
    escalation.overdue ? 'escalation-item--overdue' : '',
    escalation.status === 'OPEN' ? 'escalation-item--waiting' : '',
    selected ? 'escalation-item--current' : '',
    flash ? `escalation-item--flash escalation-item--flash-${flash.round % 2}` : '',
  ].filter(Boolean);
  return (
    <li data-escalation={escalation.id}>
      <Link className={classes.join(' ')} to={moderationPath(escalation.id)} aria-current={selected ? 'true' : undefined}>
        <span className="escalation-item__row">
          <span className="escalation-item__name">{escalation.client.pseudonym}</span>
          <SeverityBadge severity={escalation.severity} />
          {escalation.overdue && <OverdueLabel />}
          {flash && <span className="escalation-item__new">{flash.fresh ? t('moderation.queue.new') : t('moderation.queue.updated')}</span>}
        </span>
        <span className="escalation-item__meta">
          {categoryText(t, escalation.category)}
          {signal && ` · ${t(`escalation.source.${signal.source}` as 'escalation.source.CHAT_MESSAGE', { defaultValue: signal.source })}`} ·{' '}
          <Age since={escalation.openedAt} now={now} />
        </span>
        {signal?.text && <span className="escalation-item__text">“{shorten(signal.text)}”</span>}
        <span className="escalation-item__status">
          <StatusText escalation={escalation} meId={meId} />
          {escalation.alerts > 0 && ` · ${t('escalation.alerts', { count: escalation.alerts })}`}
        </span>
      </Link>
    </li>
  );
}
