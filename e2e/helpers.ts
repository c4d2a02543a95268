import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
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

export async function status(page: Page): Promise<string> {
  return (await page.getByTestId('run-status').textContent()) ?? '';
}

export async function waitForStatus(page: Page, text: string | RegExp, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveText(text, { timeout });
}

/** Iterations done in the whole run, as the experiment progress bar shows them. */
export async function runDone(page: Page): Promise<number> {
  return Number(await page.getByTestId('progress-run').getAttribute('data-value'));
}

export const shot = (name: string) => join(ARTIFACTS, `${name}.png`);
