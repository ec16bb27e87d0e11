import { useTranslation } from 'react-i18next';
import './pwa.css';
import { useWaitingUpdate } from './updates';

/**
 * "New version — reload": a polite status line (never a dialog that takes focus) shown while a
 * newer version of the app waits. Reloading activates it.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const activate = useWaitingUpdate();
  return (
    <div className="update-banner" role="status">
      {activate && (
        <>
          <span>{t('pwa.updateReady')}</span>
          <button type="button" className="button button--small" onClick={activate}>
            {t('pwa.reload')}
          </button>
        </>
      )}
    </div>
  );
}
