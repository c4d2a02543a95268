#!/usr/bin/env node
/**
 * `npm run test:e2e`: builds the app, serves it with `vite preview`, finds a
 * Chromium and runs the Playwright suite against it. Exits non-zero if no
 * browser is found, the server does not come up, or any test fails.
 *
 * Browser lookup: $CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's
 * own download (if that file exists). E2E_SKIP_BUILD=1 reuses dist/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../scripts/find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

const chromium = findChromium();
if (!chromium) {
  console.error('e2e: no Chromium found. Set CHROMIUM_PATH, install /usr/bin/chromium, or run `npx playwright install chromium`.');
  process.exit(2);
}
console.log(`e2e: browser ${chromium}`);

const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (process.env.E2E_SKIP_BUILD !== '1') {
  console.log('e2e: building the app (vite build)…');
  // VITE_TEST_HOOKS: the worker honours test-only commands (slow-evaluation); `npm run build` leaves them off.
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, VITE_TEST_HOOKS: '1' },
  });
  if (build.status !== 0) {
    console.error('e2e: the build failed');
    process.exit(build.status ?? 1);
  }
}

// Not every port will do: browsers and Node's fetch refuse some (4190 is one).
const port = Number(process.env.E2E_PORT ?? 4179);
const baseURL = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));

let lastError = '';
async function waitForServer(timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) break;
    try {
      const res = await fetch(baseURL, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return true;
    } catch (e) {
      lastError = `${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}`; // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function stopServer() {
  if (server.exitCode === null) server.kill('SIGTERM');
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopServer();
    process.exit(130);
  });
}

if (!(await waitForServer())) {
  console.error(`e2e: vite preview did not answer on ${baseURL}${lastError ? `: ${lastError}` : ''}\n${serverLog}`);
  stopServer();
  process.exit(1);
}

mkdirSync(join(root, 'e2e', 'artifacts'), { recursive: true });
const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const result = spawnSync(process.execPath, [cli, 'test', '-c', join(root, 'e2e', 'playwright.config.ts'), ...process.argv.slice(2)], {
  cwd: root, stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: baseURL, E2E_CHROMIUM: chromium },
});
stopServer();
const code = result.status ?? 1;
console.log(`e2e: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (build, server and tests)`);
process.exit(code);
