import type { CDPSession, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './helpers';

/**
 * Opt-in (E2E_PROFILE=1) V8 sampling profile of the page's main thread, to
 * find which functions a long task spends its time in. Summarised as self
 * time per function (name + file:line), heaviest first; the raw
 * .cpuprofile goes to e2e/artifacts/ for DevTools. Build with
 * `npx vite build --minify false` first so the names are readable.
 */
export async function startCpuProfile(cdp: CDPSession): Promise<() => Promise<string>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(ARTIFACTS, 'slow-device.cpuprofile'), JSON.stringify(profile));
    const dt = profile.timeDeltas ?? [];
    const selfUs = new Map<number, number>();
    (profile.samples ?? []).forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (dt[i] ?? 0)));
    const byFn = new Map<string, number>();
    for (const n of profile.nodes) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + (selfUs.get(n.id) ?? 0));
    }
    return [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n');
  };
}

/**
 * Opt-in with the profile: which parts of the page change, counted by
 * DOM mutation (nodes added or removed, text and attribute changes) under
 * the nearest element with a data-testid, most changed first.
 */
export async function startMutationCount(page: Page): Promise<() => Promise<string>> {
  await page.evaluate(() => {
    const counts: Record<string, number> = {};
    const where = (n: Node | null) => {
      const el = n instanceof Element ? n : n?.parentElement;
      const owner = el?.closest('[data-testid]');
      return owner ? `${owner.getAttribute('data-testid')}` : el ? el.tagName.toLowerCase() : '?';
    };
    new MutationObserver((list) => {
      for (const m of list) {
        const k = `${m.type} ${where(m.target)}`;
        counts[k] = (counts[k] ?? 0) + (m.type === 'childList' ? m.addedNodes.length + m.removedNodes.length : 1);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    (window as unknown as { __mutations: Record<string, number> }).__mutations = counts;
  });
  return async () => {
    const counts = await page.evaluate(() => (window as unknown as { __mutations: Record<string, number> }).__mutations);
    return Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n');
  };
}
