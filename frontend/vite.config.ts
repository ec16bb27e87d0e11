/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFile } from 'node:fs/promises';
import { VitePWA } from 'vite-plugin-pwa';
import { pickTexts, TEXT_PARTS, type TextPart } from './src/i18n/textGroups';

// Vitest 5 prints failed tests with Map.groupBy (Node 21+). On Node 20 the report itself would
// crash and hide which test failed; this small stand-in keeps failures readable there.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<T, K>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}

// The Spring Boot backend runs on :8080 during development.
const BACKEND = 'http://localhost:8080';

// Paths the dev server forwards to the backend. Everything else is served by Vite
// (including the app's own pages /signup, /home, /auth/callback, /admin/...).
const proxied = ['/api', '/actuator', '/v3', '/oauth2', '/connect', '/userinfo', '/.well-known', '/auth/config', '/auth/csrf', '/auth/signup'];

// GET /login is a page of this app (the sign-in form); POST /login goes to the backend.
const loginPage = {
  target: BACKEND,
  changeOrigin: false,
  bypass: (req: { method?: string | undefined }) => (req.method === 'GET' || req.method === 'HEAD' ? '/index.html' : undefined),
};

// `import('./locales/nl.json?texts=core')`: one part of a locale file as its own chunk, so a
// phone loads only the texts of the pages it opens (src/i18n/textGroups.ts).
const localeParts: Plugin = {
  name: 'cocon-locale-parts',
  enforce: 'pre',
  async load(id) {
    const [file, query] = id.split('?');
    const part = new URLSearchParams(query ?? '').get('texts');
    if (!file?.endsWith('.json') || !TEXT_PARTS.includes(part as TextPart)) return null;
    this.addWatchFile(file);
    const texts = pickTexts(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>, part as TextPart);
    return `export default JSON.parse(${JSON.stringify(JSON.stringify(texts))});`;
  },
};

// The installable app. The name and icon are as neutral as the tab title ("Notities"): someone
// glancing at a phone's home screen sees a notebook called "Cocon", nothing more.
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
  // main.tsx registers it (src/pwa/registerServiceWorker.ts), after the page has loaded
  injectRegister: false,
  manifest: {
    id: '/',
    name: 'Cocon',
    short_name: 'Cocon',
    start_url: '/home',
    scope: '/',
    display: 'standalone',
    lang: 'nl',
    theme_color: '#fbf7f1',
    background_color: '#fbf7f1',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  },
  injectManifest: {
    // the app shell: index.html, every chunk, the icons and the offline page
    globPatterns: ['**/*.{js,css,html,svg,png}'],
    globIgnores: ['**/.vite/**'],
  },
});

export default defineConfig({
  plugins: [localeParts, react(), pwa],
  build: {
    // Maven packages this folder into the jar; Spring Boot serves it at "/".
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
    // .vite/manifest.json: which chunks each page needs (read by the bundle report)
    manifest: true,
    // every browser that can install the app preloads modules itself
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // The small modules the client's chat shares with other pages go in one chunk
              // instead of a dozen tiny ones: gzip does better on one file, and a phone on a
              // weak connection makes fewer requests (bundle-report.mjs prints the figure).
              name: 'chat-core',
              test: /\/src\/(app|auth|chat|safety|programme\/(answers|useProgrammeText|ProgressBar|GuideMessages)|checkin\/(checkin|CheckinNotice))\b/,
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      ...Object.fromEntries(proxied.map((path) => [path, { target: BACKEND, changeOrigin: false }])),
      '/login': loginPage,
      '/ws': { target: BACKEND, ws: true },
    },
  },
  preview: {
    // `vite preview` serves the production build from the same folder Maven packages, on its
    // own: no proxy (it would otherwise reuse server.proxy). Without a backend the app simply
    // shows that signing in is not available; the shell's browser tests run this way.
    proxy: {},
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    // A long page test (several clicks and fake requests) can pass 5 s on a busy two-core
    // CI machine; that is slowness, not a failure. findBy/waitFor wait up to 5 s each.
    testTimeout: 20_000,
  },
});
