import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { knownRoles } from '../auth/me';
import { SignOutButton } from '../auth/SignOutButton';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { HelpButton } from '../safety/HelpButton';
import { QuickExit } from '../safety/QuickExit';
import { Link } from './Link';
import { ROUTES, useLocation } from './router';
import { useHeaderHeight, useKeyboardInset } from './viewport';

export const MAIN_CONTENT_ID = 'main-content';

/** Pages that fill the window exactly (header, the page, the client's navigation) instead of scrolling. */
const FULL_HEIGHT_PAGES: readonly string[] = [ROUTES.chat];

interface AppShellProps {
  /** The current page. Pages render inside <main>; they own the page's single <h1>. */
  children: ReactNode;
}

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

/**
 * Layout shared by every page, phone first: a compact top bar (brand, quick exit, and a menu
 * with the account and the language), the main area where pages render, for clients the
 * navigation between their main places (at the bottom of a phone's screen), and a footer with
 * the emergency number. Quick exit is part of the bar, never laid over the page.
 */
export function AppShell({ children }: AppShellProps) {
  const { t } = useTranslation();
  const auth = useAuth();
  const { pathname } = useLocation();
  const signedIn = auth.user !== null && auth.me !== null;
  const isClient = signedIn && auth.me !== null && knownRoles(auth.me.roles).includes('CLIENT');
  const fullHeight = FULL_HEIGHT_PAGES.includes(pathname);
  const header = useRef<HTMLElement>(null);
  useKeyboardInset();
  useHeaderHeight(header);

  return (
    <div className={`app${isClient ? ' app--with-nav' : ''}${fullHeight ? ' app--full-height' : ''}`}>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skipToMain}>
        {t('skipLink')}
      </a>
      <header ref={header} className="app-header">
        <div className="app-header__inner">
          {/* First in tab order, shown at the bar's right end; part of the bar's own row, so it
              never covers a heading or a link of the page. */}
          <QuickExit />
          <Brand />
          {signedIn && auth.me ? (
            <div className="app-header__tools">
              <AccountMenu pseudonym={auth.me.pseudonym} />
            </div>
          ) : (
            <div className="app-header__tools app-header__tools--language">
              <LanguageSwitch />
            </div>
          )}
        </div>
        {isClient && <ClientNav pathname={pathname} />}
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
    </div>
  );
}

function Brand() {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <path d="M16 4c6.6 0 12 5.4 12 12s-5.4 12-12 12S4 22.6 4 16 9.4 4 16 4Z" />
        <path d="M10.5 17.5c1.5 2.6 3.3 3.9 5.5 3.9s4-1.3 5.5-3.9" />
      </svg>
      <span>{t('brand.name')}</span>
    </span>
  );
}

/**
 * Who is signed in, "My page", sign out and the language. On a phone they sit behind a menu
 * button (the bar stays one row); on wide screens CSS shows them in the bar and hides the button.
 */
function AccountMenu({ pseudonym }: { pseudonym: string }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const { pathname, search } = useLocation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // Going to another page closes the menu.
  useEffect(() => setOpen(false), [pathname, search]);

  // A tap or click outside closes it; Escape closes it and returns to the button.
  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent) => {
      if (root.current && event.target instanceof Node && !root.current.contains(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Not stopped: Escape twice still leaves Cocon (quick exit).
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={root} className={`account-menu${open ? ' account-menu--open' : ''}`}>
      <button
        ref={toggle}
        type="button"
        className="account-menu__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((now) => !now)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 7h16M4 12h16M4 17h16" />
        </svg>
        {t('shell.menu')}
      </button>
      <div id={panelId} className="account-menu__panel">
        <p className="account-menu__who">
          {t('auth.signedInAs')} <strong>{pseudonym}</strong>
        </p>
        <Link className="account-menu__home" to={ROUTES.home}>
          {t('auth.toHome')}
        </Link>
        <Link className="account-menu__home" to={ROUTES.notificationSettings}>
          {t('shell.notifications')}
        </Link>
        <SignOutButton className="button button--secondary button--small" />
        <LanguageSwitch onChange={(language) => void auth.saveLocale(language)} />
      </div>
    </div>
  );
}

/** The client's main places. The current one is marked for screen readers and by sight. */
const CLIENT_PLACES = [
  { to: ROUTES.chat, label: 'shell.nav.chat', icon: 'M4 5h16v11H9l-5 4V5Z' },
  { to: ROUTES.programmes, label: 'shell.nav.programmes', icon: 'M5 4h11l3 3v13H5V4Zm4 6h6M9 14h6' },
  { to: ROUTES.checkin, label: 'shell.nav.checkin', icon: 'M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z' },
] as const;

function ClientNav({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  return (
    <nav className="client-nav" aria-label={t('shell.nav.label')}>
      <ul className="client-nav__list">
        {CLIENT_PLACES.map((place) => {
          const current = pathname === place.to;
          return (
            <li key={place.to}>
              <Link className="client-nav__item" to={place.to} aria-current={current ? 'page' : undefined}>
                <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path d={place.icon} />
                </svg>
                <span>{t(place.label)}</span>
              </Link>
            </li>
          );
        })}
        <li>
          {/* Clients can ask for help from every page, the chat and their home included. */}
          <HelpButton compact />
        </li>
      </ul>
    </nav>
  );
}
