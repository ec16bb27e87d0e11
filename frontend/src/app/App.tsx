import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import { AuthProvider, type AuthServices } from '../auth/AuthProvider';
import { IdleSignOut } from '../auth/IdleSignOut';
import { ChatProvider, type ChatServices } from '../chat/ChatProvider';
import { PageTexts } from '../i18n/PageTexts';
import { UpdateBanner } from '../pwa/UpdateBanner';
import { AppShell, MAIN_CONTENT_ID } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { ROUTES, useLocation } from './router';
import { Loading } from './feedback';

/**
 * Every page is its own chunk, fetched when it is first opened: a phone on a weak connection
 * downloads only what the page in front of it needs (chart.js only
 * comes with the pages that draw charts). The service worker precaches all chunks, so later
 * visits open every page without waiting for the network.
 */
const loaders: (() => Promise<unknown>)[] = [];

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  // Once a page's chunk is here it renders at once, without passing through Suspense again.
  let loaded: ComponentType | null = null;
  const fetchPage = () => load().then((module): ComponentType => (loaded = module[name]));
  loaders.push(fetchPage);
  const Lazy = lazy(() => fetchPage().then((component) => ({ default: component })));
  return function Page() {
    const Component: ComponentType = loaded ?? Lazy;
    return <Component />;
  };
}

/** Fetches every page's chunk now (tests: so the first render of a page is not a slow first import). */
export function preloadPages(): Promise<unknown> {
  return Promise.all(loaders.map((load) => load()));
}

const WelcomePage = page(() => import('./WelcomePage'), 'WelcomePage');
const LoginPage = page(() => import('../auth/LoginPage'), 'LoginPage');
const SignupPage = page(() => import('../auth/SignupPage'), 'SignupPage');
const CallbackPage = page(() => import('../auth/CallbackPage'), 'CallbackPage');
const HomePage = page(() => import('../home/HomePage'), 'HomePage');
const AdminAccountsPage = page(() => import('../admin/AdminAccountsPage'), 'AdminAccountsPage');
const AdminCaseloadsPage = page(() => import('../admin/AdminCaseloadsPage'), 'AdminCaseloadsPage');
const ChatPage = page(() => import('../chat/ChatPage'), 'ChatPage');
const ProgrammesPage = page(() => import('../programme/ProgrammesPage'), 'ProgrammesPage');
const TherapistClientPage = page(() => import('../therapist/TherapistClientPage'), 'TherapistClientPage');
const CheckinPage = page(() => import('../checkin/CheckinPage'), 'CheckinPage');
const DashboardPage = page(() => import('../therapist/DashboardPage'), 'DashboardPage');
const ModerationPage = page(() => import('../moderation/ModerationPage'), 'ModerationPage');
const StatsPage = page(() => import('../moderation/StatsPage'), 'StatsPage');
const AuditPage = page(() => import('../privacy/AuditPage'), 'AuditPage');
const NotificationSettingsPage = page(() => import('../push/NotificationSettingsPage'), 'NotificationSettingsPage');

/** Pages whose texts are all in the "core" part, loaded before the first render (textGroups.ts). */
const CORE_TEXT_PAGES = new Set<ComponentType>([ChatPage, ProgrammesPage, CheckinPage, NotFoundPage]);
/** Signed-out pages: their texts are the "start" part. */
const START_TEXT_PAGES = new Set<ComponentType>([WelcomePage, LoginPage, CallbackPage]);

/** The page for each path. */
const PAGES: Record<string, ComponentType> = {
  [ROUTES.welcome]: WelcomePage,
  [ROUTES.login]: LoginPage,
  [ROUTES.signup]: SignupPage,
  [ROUTES.callback]: CallbackPage,
  [ROUTES.home]: HomePage,
  [ROUTES.adminAccounts]: AdminAccountsPage,
  [ROUTES.adminCaseloads]: AdminCaseloadsPage,
  [ROUTES.chat]: ChatPage,
  [ROUTES.programmes]: ProgrammesPage,
  [ROUTES.therapistClient]: TherapistClientPage,
  [ROUTES.checkin]: CheckinPage,
  [ROUTES.therapistDashboard]: DashboardPage,
  [ROUTES.moderation]: ModerationPage,
  [ROUTES.moderationStats]: StatsPage,
  [ROUTES.audit]: AuditPage,
  [ROUTES.notificationSettings]: NotificationSettingsPage,
};

export interface AppProps {
  /** Replaces fetch / the OpenID client / the origin (tests). */
  services?: Partial<AuthServices>;
  /** Replaces the live chat channel (tests). */
  chat?: Partial<ChatServices>;
}

/** Root component: the auth layer, the shell, and the page for the current path. */
export function App({ services, chat }: AppProps) {
  return (
    <AuthProvider {...(services ? { services } : {})}>
      <ChatProvider services={chat}>
        <AppShell>
          <CurrentPage />
          <IdleSignOut />
          <UpdateBanner />
        </AppShell>
      </ChatProvider>
    </AuthProvider>
  );
}

function CurrentPage() {
  const { pathname } = useLocation();
  useMoveFocusOnNavigation(pathname);

  const Page = PAGES[pathname] ?? NotFoundPage;
  return (
    <Suspense fallback={<Loading />}>
      {CORE_TEXT_PAGES.has(Page) ? (
        <Page />
      ) : (
        <PageTexts part={START_TEXT_PAGES.has(Page) ? 'start' : 'pages'}>
          <Page />
        </PageTexts>
      )}
    </Suspense>
  );
}

/**
 * After an in-app navigation, start at the top of the new page and put keyboard and
 * screen-reader focus on <main>, as a full page load would (not on the first render).
 */
function useMoveFocusOnNavigation(pathname: string) {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
    document.getElementById(MAIN_CONTENT_ID)?.focus();
  }, [pathname]);
}
