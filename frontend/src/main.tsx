import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { createI18n, loadCoreTexts } from './i18n/i18n';
import { DEFAULT_LANGUAGE, readStoredLanguage } from './i18n/languages';
import { registerServiceWorker } from './pwa/registerServiceWorker';
import { installBackGuard } from './safety/backGuard';
import { quickExit } from './safety/quickExit';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element in index.html');

// Reached with Back after a quick exit? Then leave again before showing anything.
const leaving = installBackGuard({ leave: quickExit });

if (!leaving) void start(root);

/** Loads the texts of the visitor's language (one small chunk), then renders the app. */
async function start(container: HTMLElement) {
  const language = readStoredLanguage() ?? DEFAULT_LANGUAGE;
  const i18n = createI18n(language, { [language]: await loadCoreTexts(language) });

  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
  registerServiceWorker();
}
