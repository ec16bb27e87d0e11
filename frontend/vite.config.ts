/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  plugins: [react()],
  build: {
    // Maven packages this folder into the jar; Spring Boot serves it at "/".
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
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
