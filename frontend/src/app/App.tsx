import { AppShell } from './AppShell';
import { WelcomePage } from './WelcomePage';

/**
 * Root component. There is one page for now; when more features arrive (chat/, programme/,
 * checkin/, therapist/, moderation/), choose the page here and render it inside <AppShell>.
 */
export function App() {
  return (
    <AppShell>
      <WelcomePage />
    </AppShell>
  );
}
