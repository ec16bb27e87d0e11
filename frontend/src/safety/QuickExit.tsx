import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { listenForDoubleEscape, quickExit } from './quickExit';

/**
 * The always-visible "quick exit" button (fixed top-right) plus the Escape-twice shortcut.
 * Rendered once by the app shell, so it is present on every page.
 */
export function QuickExit() {
  const { t } = useTranslation();
  const descriptionId = useId();

  useEffect(() => listenForDoubleEscape(window, quickExit), []);

  return (
    <div className="quick-exit">
      <button
        type="button"
        className="quick-exit__button"
        onClick={quickExit}
        aria-describedby={descriptionId}
      >
        {t('quickExit.button')}
      </button>
      <span id={descriptionId} className="visually-hidden">
        {t('quickExit.description')} {t('quickExit.shortHint')}
      </span>
    </div>
  );
}
