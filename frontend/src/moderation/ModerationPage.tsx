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
import { Age, OverdueLabel, SeverityBadge, StatusText, useNow } from './EscalationBits';
import { EscalationPanel } from './EscalationPanel';
import { excerpt, HighlightedText } from './highlight';
import { categoryText, outcomeText, reasonText, signalText, showsOwnText, sourceText } from './labels';
import { applyFilter, DEFAULT_FILTER, isAlert, isReview, unclaimedCount, type QueueFilter } from './queue';
import { useEscalationQueue } from './useEscalationQueue';
import '../safety/safety.css';
import './moderation.css';
import { usePersonName } from '../privacy/deletedClient';

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
    // A review item raised by the moderator who has it open is no news to them.
    const ownEscalation = event.type === 'ESCALATED' && event.escalation.id === selectedRef.current;
    if (isAlert(event) && !ownEscalation) {
      setAlerts((current) => [event, ...current.filter((e) => e.escalation.id !== event.escalation.id)]);
      if (soundRef.current) beep();
    }
    if (event.escalation.id === selectedRef.current) setDetailVersion((n) => n + 1);
  };

  const queue = useEscalationQueue({ path: safetyApi.escalations(filter.status), status: filter.status, destination: ESCALATION_TOPIC, onEvent });
  const shown = applyFilter(queue.items, filter);
  const open = filter.status === 'OPEN';
  const escalations = open ? shown.filter((item) => !isReview(item)) : shown;
  const reviews = open ? shown.filter(isReview) : [];
  // Review items have their own list, unless the filters leave them out anyway (they are never overdue).
  const showReviews = open && (filter.severity === 'ALL' || filter.severity === 'REVIEW') && !filter.overdueOnly;
  const waiting = open ? unclaimedCount(queue.items) : 0;

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

  const listProps = { selectedId, flashes, now, meId: me.id };

  return (
    <div className={`page moderation${selectedId ? ' moderation--detail' : ''}`}>
      <div className="moderation__head">
        <h1>{t('moderation.title')}</h1>
        <p className="page__intro moderation__intro">{t('moderation.intro')}</p>
        <p className="moderation__links">
          <Link to={ROUTES.moderationStats}>{t('moderation.statsLink')}</Link>
        </p>
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
        <div className="moderation__lists">
          <section className="moderation__queue" aria-labelledby="queue-title">
            <h2 id="queue-title">
              {open ? t('moderation.queue.title') : t('moderation.queue.resolvedTitle')} <span className="moderation__count">({escalations.length})</span>
            </h2>
            {queue.load === 'loading' && queue.items.length === 0 && <Loading />}
            {queue.load === 'error' && <ErrorNotice error={queue.error} onRetry={queue.reload} />}
            {queue.load === 'ready' && escalations.length === 0 && (
              <p className="card empty">
                {queue.items.some((item) => !open || !isReview(item))
                  ? t('moderation.queue.emptyFiltered')
                  : open
                    ? t('moderation.queue.empty')
                    : t('moderation.queue.emptyResolved')}
              </p>
            )}
            {escalations.length > 0 && (
              <ul className="escalation-list">
                {escalations.map((escalation) => (
                  <QueueItem key={escalation.id} escalation={escalation} {...listProps} />
                ))}
              </ul>
            )}
          </section>

          {showReviews && (
            <section className="moderation__reviews" aria-labelledby="reviews-title" aria-describedby="reviews-hint">
              <h2 id="reviews-title">
                {t('moderation.reviews.title')} <span className="moderation__count">({reviews.length})</span>
              </h2>
              <p id="reviews-hint" className="muted moderation__reviews-hint">
                {t('moderation.reviews.hint')}
              </p>
              {queue.load === 'ready' && reviews.length === 0 && <p className="empty">{t('moderation.reviews.empty')}</p>}
              {reviews.length > 0 && (
                <ul className="escalation-list">
                  {reviews.map((escalation) => (
                    <QueueItem key={escalation.id} escalation={escalation} {...listProps} />
                  ))}
                </ul>
              )}
            </section>
          )}
        </div>

        <div className="moderation__detail">
          {selectedId ? (
            <>
              <p className="moderation__back">
                <Link to={moderationPath(null)}>
                  <span aria-hidden="true">← </span>
                  {t('moderation.detail.back')}
                </Link>
              </p>
              <EscalationPanel
                key={selectedId}
                id={selectedId}
                me={me}
                now={now}
                version={detailVersion}
                onChanged={queue.replace}
                onConflict={queue.reload}
              />
            </>
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
  const kind = latest?.type === 'OPENED' ? 'new' : latest?.type === 'OVERDUE' ? 'overdue' : latest?.type === 'ESCALATED' ? 'escalated' : 'signal';
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
              <strong>{t(`moderation.alert.${kind}`, { name: latest.escalation.client.pseudonym })}</strong>{' '}
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

interface QueueItemProps {
  escalation: EscalationSummary;
  selectedId: string | null;
  flashes: ReadonlyMap<string, Flash>;
  now: number;
  meId: string;
}

function QueueItem({ escalation, selectedId, flashes, now, meId }: QueueItemProps) {
  const { t } = useTranslation();
  const signal = escalation.lastSignal;
  const selected = escalation.id === selectedId;
  const flash = flashes.get(escalation.id) ?? null;
  const review = isReview(escalation);
  const classes = [
    'escalation-item',
    `escalation-item--${escalation.severity}`,
    escalation.overdue ? 'escalation-item--overdue' : '',
    escalation.status === 'OPEN' && !review ? 'escalation-item--waiting' : '',
    selected ? 'escalation-item--current' : '',
    // Review items change quietly: a label, no flashing.
    flash && !review ? `escalation-item--flash escalation-item--flash-${flash.round % 2}` : '',
  ].filter(Boolean);
  const personName = usePersonName();
  const quote = signal ? (showsOwnText(signal) ? excerpt(signal.text, signal.highlights) : { text: signalText(t, signal), highlights: [] }) : null;
  const why = signal ? reasonText(t, signal.reasons, signal.contextUsed) : null;
  return (
    <li data-escalation={escalation.id}>
      <Link className={classes.join(' ')} to={moderationPath(escalation.id)} aria-current={selected ? 'true' : undefined}>
        <span className="escalation-item__row">
          <span className="escalation-item__name">{personName(escalation.client)}</span>
          <SeverityBadge severity={escalation.severity} />
          {escalation.overdue && <OverdueLabel />}
          {flash && <span className="escalation-item__new">{flash.fresh ? t('moderation.queue.new') : t('moderation.queue.updated')}</span>}
        </span>
        <span className="escalation-item__meta">
          {categoryText(t, escalation.category, { source: signal?.source, severity: escalation.severity })}
          {signal && ` · ${sourceText(t, signal.source)}`} · <Age since={escalation.openedAt} now={now} />
        </span>
        {quote && quote.text && (
          <span className="escalation-item__text">
            {/* What the client wrote is quoted; a questionnaire answer is not their words. */}
            {signal && showsOwnText(signal) ? (
              <>
                “<HighlightedText text={quote.text} highlights={quote.highlights} />”
              </>
            ) : (
              quote.text
            )}
          </span>
        )}
        {why && (
          <span className="escalation-item__why">
            {t('escalation.reasonLabel')} {why}
          </span>
        )}
        <span className="escalation-item__status">
          <StatusText escalation={escalation} meId={meId} />
          {escalation.outcome && ` · ${outcomeText(t, escalation)}`}
          {escalation.alerts > 0 && ` · ${t('escalation.alerts', { count: escalation.alerts })}`}
        </span>
      </Link>
    </li>
  );
}
