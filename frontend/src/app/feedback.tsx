import { useTranslation } from 'react-i18next';
import { messageForCode, isKnownCode } from '../auth/fieldErrors';
import { ApiError } from '../auth/problem';

/** A calm "one moment" while something loads; announced politely to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="loading__dot" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** The translated explanation of a failed request. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.unexpected');
    switch (error.kind) {
      case 'network':
        return t('errors.network');
      case 'unauthenticated':
        return t('errors.signInAgain');
      case 'forbidden':
        return t('errors.forbidden');
      default:
        if (isKnownCode(error.code)) return messageForCode(t, error.code);
        if (error.status === 404) return t('errors.notFound');
        if (error.status === 429) return t('errors.tooMany');
        return t('errors.server');
    }
  };
}

interface ErrorNoticeProps {
  error: unknown;
  /** Offers a "try again" button when given. */
  onRetry?: () => void;
}

/** An error message that screen readers announce at once, with the request id for support. */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="notice notice--error" role="alert">
      <p>{errorText(error)}</p>
      {requestId && <p className="notice__meta">{t('errors.reference', { id: requestId })}</p>}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
