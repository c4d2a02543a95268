// Finds a Chromium the way a user's machine would: $CHROMIUM_PATH, then
// Debian's /usr/bin/chromium, then Playwright's own download (where
// `npx playwright install chromium` could reach the network). Shared by the
// e2e runner and the browser benchmark.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  try {
    candidates.push(require('playwright-core').chromium.executablePath());
  } catch {
    // playwright-core missing or no browser downloaded: fine, try the others.
  }
  return candidates.find((p) => p && existsSync(p));
}
