import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../app/feedback';
import { useAuth } from '../auth/AuthProvider';
import { characterCount } from '../chat/chatStore';
import { TextAreaField } from '../app/forms';
import { CrisisCard } from './CrisisCard';
import { Dialog } from './Dialog';
import { MAX_REASON, parseHelpResponse, safetyApi, type HelpResponse } from './types';
import './safety.css';

type Phase = { step: 'confirm' } | { step: 'sending' } | { step: 'done'; result: HelpResponse } | { step: 'failed'; error: unknown };

/**
 * "I need help now" for clients: after a confirmation it alerts the Cocon team (`POST /api/help`)
 * and shows who to call right away. Deliberately calm and unlike the red quick-exit button, which
 * does the opposite (leaves Cocon). `compact`: the version in the client's navigation, which
 * shows a short word on phones.
 */
export function HelpButton({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className={`help-button${compact ? ' help-button--compact' : ''}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <svg className="help-button__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="8.5" />
          <circle cx="12" cy="12" r="3.5" />
          <path d="m6 6 3.5 3.5M18 6l-3.5 3.5M6 18l3.5-3.5M18 18l-3.5-3.5" />
        </svg>
        {compact ? (
          <>
            {/* In the phone's navigation a short word is shown; the full name is what is read out. */}
            <span className="help-button__long">{t('safety.help.button')}</span>
            <span className="help-button__short" aria-hidden="true">
              {t('safety.help.short')}
            </span>
          </>
        ) : (
          t('safety.help.button')
        )}
      </button>
      {open && <HelpDialog onClose={close} />}
    </>
  );
}

function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const titleId = useId();
  const fieldId = useId();
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const [text, setText] = useState('');
  const tooLong = characterCount(text.trim()) > MAX_REASON;
  const title = useRef<HTMLHeadingElement>(null);

  // A new step of the dialog: start reading at its title again.
  const step = phase.step === 'sending' ? 'confirm' : phase.step;
  useEffect(() => {
    title.current?.focus();
  }, [step]);

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (phase.step === 'sending' || tooLong) return;
    setPhase({ step: 'sending' });
    try {
      const trimmed = text.trim();
      const answer = await api.request<unknown>(safetyApi.help, { method: 'POST', body: trimmed ? { text: trimmed } : {} });
      const result = parseHelpResponse(answer);
      if (!result) throw new Error('unreadable answer');
      setPhase({ step: 'done', result });
    } catch (error) {
      setPhase({ step: 'failed', error });
    }
  };

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="help-dialog">
      <h2 id={titleId} ref={title} tabIndex={-1} className="dialog__title">
        {phase.step === 'done' ? t('safety.help.doneTitle') : t('safety.help.title')}
      </h2>

      {phase.step === 'done' ? (
        <>
          <div className="notice notice--success" role="status">
            <p>{phase.result.status === 'CLAIMED' ? t('safety.help.claimed') : t('safety.help.alerted')}</p>
            <p>{t('safety.help.meanwhile')}</p>
          </div>
          {phase.result.crisis ? <CrisisCard card={phase.result.crisis} /> : <EmergencyLine />}
          <div className="actions">
            <button type="button" className="button" onClick={onClose}>
              {t('safety.help.close')}
            </button>
          </div>
        </>
      ) : (
        <form className="stack" onSubmit={(event) => void send(event)} noValidate>
          <p>{t('safety.help.explain')}</p>
          <TextAreaField
            id={fieldId}
            label={t('safety.help.textLabel')}
            value={text}
            error={tooLong ? t('safety.help.tooLong', { max: MAX_REASON }) : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          <EmergencyLine />
          {phase.step === 'failed' && (
            <div className="help-dialog__error">
              <p className="help-dialog__error-title">{t('safety.help.failed')}</p>
              <ErrorNotice error={phase.error} />
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button" aria-disabled={phase.step === 'sending' || undefined}>
              {phase.step === 'sending' ? t('safety.help.sending') : phase.step === 'failed' ? t('common.retry') : t('safety.help.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** "In danger right now? Call 112." with a tap-to-call link. */
function EmergencyLine() {
  const { t } = useTranslation();
  return (
    <p className="emergency-line">
      {t('safety.help.danger')}{' '}
      <a className="crisis-call crisis-call--emergency" href="tel:112">
        {t('safety.crisis.call', { number: '112' })}
      </a>
    </p>
  );
}
