#!/usr/bin/env node
// Starts the packaged app (`java -jar cocon.jar`, the same file the README's run command
// starts) with a fresh embedded store, waits until /actuator/health is UP, runs the browser
// journeys (run-e2e.mjs) against it and stops the app again, also when the journeys fail.
// The exit code is the journeys' exit code; the app's output goes to a log file.
//
// Usage: node e2e/against-jar.mjs --java <java> --jar <cocon.jar> --port <port> --data <dir>
//        [--log <file>] [-- journey filters...]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const STARTUP_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 40_000;

function parseArguments(argv) {
  const options = { filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') {
      options.filters = argv.slice(i + 1);
      break;
    }
    if (!word.startsWith('--') || i + 1 >= argv.length) throw new Error(`unexpected argument "${word}"`);
    options[word.slice(2)] = argv[++i];
  }
  for (const required of ['java', 'jar', 'port', 'data']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  return options;
}

async function waitUntilUp(baseUrl, app) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} while starting`);
    try {
      const response = await fetch(new URL('/actuator/health', baseUrl), { signal: AbortSignal.timeout(2_000) });
      if (response.ok && (await response.json()).status === 'UP') return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`the app was not UP within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

function stop(app) {
  if (app.exitCode !== null || app.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => app.kill('SIGKILL'), STOP_GRACE_MS);
    app.once('exit', () => {
      clearTimeout(force);
      done();
    });
    app.kill('SIGTERM');
  });
}

function runJourneys(baseUrl, filters) {
  const script = resolve(dirname(fileURLToPath(import.meta.url)), 'run-e2e.mjs');
  return new Promise((done) => {
    const journeys = spawn(process.execPath, [script, ...filters], {
      stdio: 'inherit',
      env: { ...process.env, COCON_BASE_URL: baseUrl },
    });
    journeys.on('exit', (code) => done(code ?? 1));
  });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const baseUrl = `http://localhost:${options.port}`;
  const logFile = options.log ?? resolve(options.data, '..', 'e2e-app.log');
  rmSync(options.data, { recursive: true, force: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);

  console.log(`against-jar: starting ${options.jar} on port ${options.port} (log: ${logFile})`);
  const app = spawn(
    options.java,
    [
      '-jar',
      options.jar,
      `--server.port=${options.port}`,
      `--cocon.store.data-dir=${options.data}`,
      '--cocon.store.reset-on-start=true',
      `--cocon.identity.issuer=${baseUrl}`,
      '--cocon.identity.signups-per-address-per-hour=100',
      '--cocon.nudge.dispatch-every=2s',
      // push.e2e.mjs: its stand-in push service listens on http://127.0.0.1
      '--cocon.push.allow-http-endpoints=true',
      '--cocon.push.endpoint-hosts=127.0.0.1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  app.stdout.pipe(log);
  app.stderr.pipe(log);
  const stopOnSignal = () => stop(app).then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  let code = 1;
  try {
    await waitUntilUp(baseUrl, app);
    console.log(`against-jar: the app is UP at ${baseUrl}`);
    code = await runJourneys(baseUrl, options.filters);
  } catch (error) {
    console.error(`against-jar: ${error.message} (see ${logFile})`);
  } finally {
    await stop(app);
    console.log(`against-jar: the app stopped (exit ${app.exitCode ?? app.signalCode})`);
  }
  process.exit(code);
}

main().catch((error) => {
  console.error(`against-jar: ${error.message}`);
  process.exit(2);
});
