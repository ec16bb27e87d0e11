import { App, preloadPages } from '../app/App';
import { FakeTransport } from './fakeChat';
import { FakeAuthClient, fakeFetch, PUBLIC_ROUTES, type Handler } from './fakes';
import { renderWithI18n } from './render';
import type { Language } from '../i18n/languages';

// Pages are lazy chunks; importing them all once here keeps a test's first render as quick as
// the others (a first import in a busy test run can take seconds).
await preloadPages();

export interface RenderAppOptions {
  /** The path (and query) the browser is at when the app starts. */
  path?: string;
  /** Extra or overriding fetch routes (the public /auth routes are there by default). */
  routes?: Record<string, Handler>;
  client?: FakeAuthClient;
  language?: Language;
  /** The live chat channel (default: a fake that is online at once). */
  transport?: FakeTransport;
}

/** Renders the whole app with a fake server and a fake OpenID client. */
export function renderApp({ path = '/', routes = {}, client = new FakeAuthClient(), language, transport = new FakeTransport() }: RenderAppOptions = {}) {
  window.history.replaceState(null, '', path);
  const server = fakeFetch({ ...PUBLIC_ROUTES, ...routes });
  const rendered = renderWithI18n(
    <App
      services={{ fetch: server.fetch, createAuthClient: () => client, origin: 'http://localhost:3000' }}
      chat={{ createTransport: () => transport }}
    />,
    language,
  );
  return { ...rendered, server, client, transport };
}
