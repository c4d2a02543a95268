import { expect, test, type Page } from '@playwright/test';
import { openLab, shot, waitForStatus } from './helpers';

/**
 * Controls answer during evaluation: with a forced slow evaluation (a test
 * hook only the e2e build honours: 100-image chunks, each held 200 ms, so one
 * evaluation of tiny-test's 1,500 images lasts 3 s), Pause freezes the
 * evaluation within a second and Stop ends the run within a second.
 */
interface Live { status: string; progress: { step: number; evaluating?: { done: number; total: number } } | null }
const live = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { __sparseLab: { state(): Live } }).__sparseLab.state();
    return { status: s.status, evaluating: s.progress?.evaluating ?? null };
  });

async function untilEvaluating(page: Page) {
  await expect.poll(async () => (await live(page)).evaluating?.done ?? 0, { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0);
}

/** Milliseconds until the store reaches `want`, polled every 20 ms (toHaveText backs off to 1 s between checks). */
async function msUntil(page: Page, want: string, text: string): Promise<number> {
  const t0 = Date.now();
  await expect.poll(async () => (await live(page)).status, { timeout: 5_000, intervals: [20] }).toBe(want);
  const ms = Date.now() - t0;
  await waitForStatus(page, text, 5_000);
  return ms;
}

test('Pause and Stop answer within a second while the network is being evaluated', async ({ page }) => {
  await openLab(page, 'preset=tiny-test&backend=wasm', 'wasm');
  await page.evaluate(() => (window as unknown as { __sparseLab: { slowEvaluation(ms: number, chunk: number): void } }).__sparseLab.slowEvaluation(200, 100));
  await page.getByTestId('btn-start').click();
  await untilEvaluating(page);
  await expect(page.getByTestId('progress-round')).toContainText(/evaluating [\d,]+\/1,500/);
  await page.getByTestId('progress-panel').screenshot({ path: shot('30-evaluating-progress') });

  await page.getByTestId('btn-pause').click();
  const pauseMs = await msUntil(page, 'paused', 'Paused');
  // At most the chunk in flight finishes; after that the evaluation stands still.
  await page.waitForTimeout(1000);
  const held = (await live(page)).evaluating;
  await page.waitForTimeout(1000);
  const later = (await live(page)).evaluating;
  expect(held).not.toBeNull();
  expect(later).toEqual(held);
  expect(held!.done).toBeLessThan(held!.total);

  await page.getByTestId('btn-resume').click();
  await expect.poll(async () => (await live(page)).evaluating?.done ?? Infinity, { timeout: 5_000, intervals: [50] }).not.toBe(held!.done);
  await untilEvaluating(page);
  await page.getByTestId('btn-stop').click();
  const stopMs = await msUntil(page, 'stopped', 'Stopped');
  console.log(`during evaluation: Pause answered in ${pauseMs} ms, Stop in ${stopMs} ms`);
  test.info().annotations.push({ type: 'pause / stop during evaluation (ms)', description: `${pauseMs} / ${stopMs}` });
  expect(pauseMs).toBeLessThan(1000);
  expect(stopMs).toBeLessThan(1000);
});
