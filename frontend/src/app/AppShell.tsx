import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { knownRoles } from '../auth/me';
import { SignOutButton } from '../auth/SignOutButton';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { HelpButton } from '../safety/HelpButton';
import { QuickExit } from '../safety/QuickExit';
import { Link } from './Link';
import { ROUTES } from './router';

export const MAIN_CONTENT_ID = 'main-content';

interface AppShellProps {
  /** The current page. Pages render inside <main>; they own the page's single <h1>. */
  children: ReactNode;
}

/**
 * Layout shared by every page: skip link, header (brand, who is signed in, language), the
 * quick-exit button, the main area where pages render, and a footer with the emergency number.
 */
/**
 * Moves focus to <main> WITHOUT changing the URL's #hash: a hash change would add a history
 * entry that quick exit cannot remove (see src/app/router.ts).
 */
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  const main = document.getElementById(MAIN_CONTENT_ID);
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView?.();
}

export function AppShell({ children }: AppShellProps) {
  const { t } = useTranslation();
  const auth = useAuth();
  const signedIn = auth.user !== null && auth.me !== null;
  const isClient = signedIn && auth.me !== null && knownRoles(auth.me.roles).includes('CLIENT');

  return (
    <>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skipToMain}>
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
          <div className="app-header__tools">
            {/* Clients can ask for help from every page, the chat and their home included. */}
            {isClient && <HelpButton />}
            {signedIn && auth.me && (
              <div className="account-menu">
                <p className="account-menu__who">
                  {t('auth.signedInAs')} <strong>{auth.me.pseudonym}</strong>
                </p>
                <Link className="account-menu__home" to={ROUTES.home}>
                  {t('auth.toHome')}
                </Link>
                <SignOutButton className="button button--secondary button--small" />
              </div>
            )}
            <LanguageSwitch onChange={signedIn ? (language) => void auth.saveLocale(language) : undefined} />
          </div>
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} className="app-main" tabIndex={-1}>
        {auth.localeError && (
          <div className="notice notice--error" role="alert">
            <p>{t('language.saveFailed')}</p>
          </div>
        )}
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
