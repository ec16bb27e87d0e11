// Settings shared by all browser journeys. Everything can be overridden from the environment.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** frontend/ */
export const FRONTEND_DIR = path.resolve(here, '..', '..');

/** Where the app under test runs (Spring Boot by default). */
export const BASE_URL = new URL(process.env.COCON_BASE_URL || 'http://localhost:8080').href;

/** Must match NEUTRAL_URL in src/safety/quickExitConfig.ts. */
export const NEUTRAL_URL = process.env.COCON_NEUTRAL_URL || 'https://www.google.com/search?q=weather';

/** Screenshots and other artefacts. */
export const ARTIFACTS_DIR = path.join(FRONTEND_DIR, 'target', 'e2e');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A single journey may take at most this long. */
export const TEST_TIMEOUT_MS = Number(process.env.COCON_E2E_TIMEOUT_MS || 60_000);
