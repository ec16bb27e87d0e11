import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { QuickExit } from '../safety/QuickExit';

export const MAIN_CONTENT_ID = 'main-content';

interface AppShellProps {
  /** The current page. Pages render inside <main>; they own the page's single <h1>. */
  children: ReactNode;
}

/**
 * Layout shared by every page: skip link, header (brand + language), the quick-exit
 * button, the main area where pages render, and a footer with the emergency number.
 */
export function AppShell({ children }: AppShellProps) {
  const { t } = useTranslation();

  return (
    <>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t('skipLink')}
      </a>
      <header className="app-header">
        {/* First in the header (and in tab order); CSS pins it to the top-right corner. */}
        <QuickExit />
        <div className="app-header__inner">
          <span className="brand">
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <path d="M16 4c6.6 0 12 5.4 12 12s-5.4 12-12 12S4 22.6 4 16 9.4 4 16 4Z" />
              <path d="M10.5 17.5c1.5 2.6 3.3 3.9 5.5 3.9s4-1.3 5.5-3.9" />
            </svg>
            <span>{t('brand.name')}</span>
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} className="app-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <div className="app-footer__inner">
          <p>{t('footer.about')}</p>
          <p>
            <a href="tel:112">{t('footer.emergency')}</a>
          </p>
          <p className="app-footer__hint">{t('quickExit.shortHint')}</p>
        </div>
      </footer>
    </>
  );
}
