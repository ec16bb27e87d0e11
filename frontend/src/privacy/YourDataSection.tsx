import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../app/feedback';
import { useAuth } from '../auth/AuthProvider';
import { isLanguage } from '../i18n/languages';
import { DeleteAccountDialog } from './DeleteAccountDialog';
import { downloadExport, type ExportFormat } from './privacyApi';
import './privacy.css';

type Download = { state: 'idle' } | { state: 'busy'; format: ExportFormat } | { state: 'done' } | { state: 'failed'; error: unknown };

/**
 * "Your data" on the client's own page: download everything Cocon keeps (a readable page or
 * a data file) and delete the account.
 */
export function YourDataSection() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const [download, setDownload] = useState<Download>({ state: 'idle' });
  const [deleting, setDeleting] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  const start = async (format: ExportFormat) => {
    if (download.state === 'busy') return;
    setDownload({ state: 'busy', format });
    try {
      const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'nl';
      await downloadExport(api, format, language);
      setDownload({ state: 'done' });
    } catch (error) {
      setDownload({ state: 'failed', error });
    }
  };

  const closeDialog = () => {
    setDeleting(false);
    opener.current?.focus();
  };

  const busy = download.state === 'busy';
  return (
    <section className="card your-data" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('privacy.title')}</h2>
      <p className="muted">{t('privacy.intro')}</p>
      <div className="actions your-data__downloads">
        <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => void start('html')}>
          {t('privacy.downloadPage')}
        </button>
        <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => void start('json')}>
          {t('privacy.downloadJson')}
        </button>
      </div>
      <div aria-live="polite" className="your-data__status">
        {download.state === 'busy' && <p className="muted">{t('privacy.downloading')}</p>}
        {download.state === 'done' && <p className="muted">{t('privacy.downloaded')}</p>}
      </div>
      {download.state === 'failed' && <ErrorNotice error={download.error} />}

      <h3 className="your-data__delete-title">{t('privacy.delete.heading')}</h3>
      <p className="muted">{t('privacy.delete.intro')}</p>
      <div className="actions">
        <button ref={opener} type="button" className="button button--danger" aria-haspopup="dialog" onClick={() => setDeleting(true)}>
          {t('privacy.delete.open')}
        </button>
      </div>
      {deleting && <DeleteAccountDialog onClose={closeDialog} />}
    </section>
  );
}
