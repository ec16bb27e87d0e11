import { lazy, Suspense, useEffect, useRef } from 'react';
import { AdminAccountsPage } from '../admin/AdminAccountsPage';
import { AdminCaseloadsPage } from '../admin/AdminCaseloadsPage';
import { AuthProvider, type AuthServices } from '../auth/AuthProvider';
import { CallbackPage } from '../auth/CallbackPage';
import { IdleSignOut } from '../auth/IdleSignOut';
import { LoginPage } from '../auth/LoginPage';
import { SignupPage } from '../auth/SignupPage';
import { ChatPage } from '../chat/ChatPage';
import { ChatProvider, type ChatServices } from '../chat/ChatProvider';
import { HomePage } from '../home/HomePage';
import { ProgrammesPage } from '../programme/ProgrammesPage';
import { AuditPage } from '../privacy/AuditPage';
import { AppShell, MAIN_CONTENT_ID } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { ROUTES, useLocation } from './router';
import { WelcomePage } from './WelcomePage';
import { Loading } from './feedback';

// Only therapists need the chart library: load that page (and chart.js) when it is opened.
const TherapistClientPage = lazy(() => import('../therapist/TherapistClientPage').then((m) => ({ default: m.TherapistClientPage })));
// Clients' check-in page draws charts too.
const CheckinPage = lazy(() => import('../checkin/CheckinPage').then((m) => ({ default: m.CheckinPage })));
// Only therapists use the dashboard.
const DashboardPage = lazy(() => import('../therapist/DashboardPage').then((m) => ({ default: m.DashboardPage })));
// Only moderators use the console.
const ModerationPage = lazy(() => import('../moderation/ModerationPage').then((m) => ({ default: m.ModerationPage })));
// Moderators' and admins' figures draw charts.
const NotificationSettingsPage = lazy(() => import('../push/NotificationSettingsPage').then((m) => ({ default: m.NotificationSettingsPage })));
const StatsPage = lazy(() => import('../moderation/StatsPage').then((m) => ({ default: m.StatsPage })));

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
        </AppShell>
      </ChatProvider>
    </AuthProvider>
  );
}

function CurrentPage() {
  const { pathname } = useLocation();
  useMoveFocusOnNavigation(pathname);

  switch (pathname) {
    case ROUTES.welcome:
      return <WelcomePage />;
    case ROUTES.login:
      return <LoginPage />;
    case ROUTES.signup:
      return <SignupPage />;
    case ROUTES.callback:
      return <CallbackPage />;
    case ROUTES.home:
      return <HomePage />;
    case ROUTES.adminAccounts:
      return <AdminAccountsPage />;
    case ROUTES.adminCaseloads:
      return <AdminCaseloadsPage />;
    case ROUTES.chat:
      return <ChatPage />;
    case ROUTES.programmes:
      return <ProgrammesPage />;
    case ROUTES.therapistClient:
      return (
        <Suspense fallback={<Loading />}>
          <TherapistClientPage />
        </Suspense>
      );
    case ROUTES.checkin:
      return (
        <Suspense fallback={<Loading />}>
          <CheckinPage />
        </Suspense>
      );
    case ROUTES.therapistDashboard:
      return (
        <Suspense fallback={<Loading />}>
          <DashboardPage />
        </Suspense>
      );
    case ROUTES.moderation:
      return (
        <Suspense fallback={<Loading />}>
          <ModerationPage />
        </Suspense>
      );
    case ROUTES.moderationStats:
      return (
        <Suspense fallback={<Loading />}>
          <StatsPage />
        </Suspense>
      );
    case ROUTES.audit:
      return <AuditPage />;
    case ROUTES.notificationSettings:
      return (
        <Suspense fallback={<Loading />}>
          <NotificationSettingsPage />
        </Suspense>
      );
    default:
      return <NotFoundPage />;
  }
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
