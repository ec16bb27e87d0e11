/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Spring Boot backend runs on :8080 during development.
const BACKEND = 'http://localhost:8080';

// Paths the dev server forwards to the backend. Everything else is served by Vite.
const proxied = ['/api', '/actuator', '/v3', '/oauth2', '/login', '/.well-known'];

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
      '/ws': { target: BACKEND, ws: true },
    },
  },
  preview: {
    // `vite preview` serves the production build from the same folder Maven packages.
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
