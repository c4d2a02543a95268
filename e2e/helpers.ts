import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** Every long task (> 50 ms) on the page's main thread, from the first script on. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

export async function longestTaskSince(page: Page, since: number): Promise<{ max: number; count: number }> {
  return page.evaluate((t0) => {
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= t0);
    return { max: tasks.reduce((m, t) => Math.max(m, t.duration), 0), count: tasks.length };
  }, since);
}

export async function openLab(page: Page, query: string, backend: string): Promise<void> {
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', backend, { timeout: 60_000 });
}

export async function waitForStatus(page: Page, text: string | RegExp, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveText(text, { timeout });
}

/** Iterations done in the whole run, as the experiment progress bar shows them. */
export async function runDone(page: Page): Promise<number> {
  return Number(await page.getByTestId('progress-run').getAttribute('data-value'));
}

export const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

/**
 * A full-page screenshot with every card drawn. Cards off screen skip
 * rendering (`content-visibility: auto`), and a full-page capture does not
 * bring them on screen first, so they came out blank; for the capture only,
 * they render as usual.
 */
export async function fullPageShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'e2e-full-page-shot';
    style.textContent = '.card { content-visibility: visible !important; }';
    document.head.append(style);
    return new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });
  await page.screenshot({ path: shot(name), fullPage: true });
  await page.evaluate(() => document.getElementById('e2e-full-page-shot')?.remove());
}

export interface TaskStats {
  /** Main-thread tasks over 50 ms of the page's own thread time (CPU time, not wall time). */
  count: number;
  /** Longest task's thread time, ms. */
  max: number;
  /** The same tasks by wall time: inflated by anything else the machine runs. */
  wallCount: number;
  wallMax: number;
  /** How many of the long tasks are mostly a major garbage-collection pause. */
  gcCount: number;
  /** Longest task that is mostly a major GC pause, and longest of all the others (the page's own script, style, layout, paint). */
  gcMax: number;
  ownMax: number;
  /** Tasks left out: the test's own DevTools probes (locator queries, evaluate), not the page's work. */
  probeTasks: number;
}

/**
 * Records the renderer's main-thread tasks with Chrome's tracing until the
 * returned function is called. Each task carries its wall duration and its
 * thread (CPU) time; a busy shared test machine stretches the first, not the
 * second, so long-task checks count thread time: the page's own work.
 */
export async function traceMainThread(page: Page, limitMs = 50): Promise<() => Promise<TaskStats>> {
  const browser = page.context().browser()!;
  // E2E_TRACE_INVALIDATIONS=1 also records what invalidated style, layout and paint (for finding what redraws).
  const extra = [
    ...(process.env.E2E_TRACE_INVALIDATIONS ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []),
    // E2E_TRACE_CATEGORIES=a,b adds any other trace categories (e.g. disabled-by-default-v8.gc: why each GC ran).
    ...(process.env.E2E_TRACE_CATEGORIES ?? '').split(',').filter(Boolean),
  ];
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', ...extra] });
  return async () => {
    const buffer = await browser.stopTracing();
    if (process.env.E2E_KEEP_TRACE) writeFileSync(join(ARTIFACTS, 'main-thread-trace.json'), buffer);
    type Ev = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string; chrome_mojo_event_info?: { mojo_interface_tag?: string } } };
    const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: Ev[] }).traceEvents;
    const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const onMain = (e: Ev) => main.has(`${e.pid}:${e.tid}`);
    const all = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && onMain(e));
    /** Whether event `e` starts inside task `t`. */
    const inside = (e: Ev, t: Ev) => e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0);
    // The test's own probes (locator queries, evaluate) arrive as DevTools messages: not the page's work.
    const probes = events.filter((e) => e.ph === 'X' && onMain(e) && e.name === 'Receive mojo message' && (e.args?.chrome_mojo_event_info?.mojo_interface_tag ?? '').includes('DevTools'));
    const tasks = all.filter((t) => !probes.some((p) => inside(p, t)));
    const ms = (us?: number) => (us ?? 0) / 1000;
    const long = tasks.filter((t) => ms(t.tdur) > limitMs);
    const wall = tasks.filter((t) => ms(t.dur) > limitMs);
    // A long task that is mostly one garbage collection pause (V8's major GC finalising its marking).
    const gcs = events.filter((e) => e.ph === 'X' && e.name === 'MajorGC' && onMain(e));
    const isGc = (t: Ev) => gcs.some((g) => inside(g, t) && ms(g.tdur) > ms(t.tdur) / 2);
    return {
      count: long.length, max: Math.max(0, ...tasks.map((t) => ms(t.tdur))),
      wallCount: wall.length, wallMax: Math.max(0, ...tasks.map((t) => ms(t.dur))),
      gcCount: long.filter(isGc).length,
      gcMax: Math.max(0, ...tasks.filter(isGc).map((t) => ms(t.tdur))),
      ownMax: Math.max(0, ...tasks.filter((t) => !isGc(t)).map((t) => ms(t.tdur))),
      probeTasks: all.length - tasks.length,
    };
  };
}
