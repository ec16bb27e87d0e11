import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../app/feedback';
import { PasswordField } from '../app/forms';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from '../auth/problem';
import { Dialog } from '../safety/Dialog';
import { eraseAccount } from './privacyApi';

type Phase = { step: 'ask' } | { step: 'sending' } | { step: 'failed'; error: unknown };

/** The problems the dialog explains itself; anything else is a general error notice. */
const OWN_CODES = ['password.wrong', 'auth.locked', 'erasure.open-escalation', 'erasure.no-password'] as const;
type OwnCode = (typeof OWN_CODES)[number];

function ownCode(error: unknown): OwnCode | null {
  if (!(error instanceof ApiError)) return null;
  const code = error.code;
  return (OWN_CODES as readonly string[]).includes(code ?? '') ? (code as OwnCode) : null;
}

/**
 * Asks for the password before the account and everything in it is erased, and says plainly
 * what that means. Focus starts at the title and stays in the dialog; Escape or "Keep my
 * account" closes it.
 */
export function DeleteAccountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { api, forgetErasedAccount } = useAuth();
  const titleId = useId();
  const consequencesId = useId();
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'ask' });
  const [missing, setMissing] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);

  const code = phase.step === 'failed' ? ownCode(phase.error) : null;
  useEffect(() => {
    if (code === 'password.wrong') passwordInput.current?.focus();
  }, [code, phase]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.step === 'sending') return;
    if (password === '') {
      setMissing(true);
      passwordInput.current?.focus();
      return;
    }
    setMissing(false);
    setPhase({ step: 'sending' });
    try {
      await eraseAccount(api, password);
      await forgetErasedAccount();
    } catch (error) {
      setPhase({ step: 'failed', error });
    }
  };

  const passwordError = missing ? t('privacy.delete.passwordMissing') : code === 'password.wrong' ? t('privacy.errors.password.wrong') : undefined;
  const sending = phase.step === 'sending';
  return (
    <Dialog labelledBy={titleId} describedBy={consequencesId} onClose={onClose} className="delete-dialog">
      <h2 id={titleId} tabIndex={-1} className="dialog__title">
        {t('privacy.delete.title')}
      </h2>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <div id={consequencesId}>
          <p>{t('privacy.delete.lead')}</p>
          <ul className="delete-dialog__consequences">
            <li>{t('privacy.delete.gone')}</li>
            <li>{t('privacy.delete.therapist')}</li>
            <li>{t('privacy.delete.kept')}</li>
            <li>{t('privacy.delete.signedOut')}</li>
          </ul>
          <p className="muted">{t('privacy.delete.copyFirst')}</p>
        </div>
        <PasswordField
          id={passwordId}
          inputRef={passwordInput}
          label={t('privacy.delete.password')}
          autoComplete="current-password"
          value={password}
          error={passwordError}
          onChange={(event) => setPassword(event.target.value)}
        />
        {phase.step === 'failed' && code !== 'password.wrong' && (
          code ? (
            <div className="notice notice--error" role="alert">
              <p>{t(`privacy.errors.${code}`)}</p>
            </div>
          ) : (
            <ErrorNotice error={phase.error} />
          )
        )}
        {sending && (
          <p className="muted" role="status">
            {t('privacy.delete.sending')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button button--danger" aria-disabled={sending || undefined}>
            {t('privacy.delete.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('privacy.delete.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
