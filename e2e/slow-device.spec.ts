import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCpuProfile, startMutationCount } from './cpuProfile';
import { ARTIFACTS, longestTaskSince, observeLongTasks, openLab, runDone, traceMainThread } from './helpers';

/**
 * A slow classroom laptop: Chrome's CPU throttling at 4× (DevTools protocol,
 * Emulation.setCPUThrottlingRate) while the quick lottery-ticket preset
 * trains on WASM for 45 s and on until a round's end has been drawn. A
 * measurement, not part of `npm test` (a minute or two, and CPU time still
 * inflates on a busy machine): `E2E_SLOW_DEVICE=1 node e2e/run.mjs e2e/slow-device.spec.ts`.
 * Reports long tasks by wall time (what the throttled page really felt, plus
 * whatever else the machine ran) and by the main thread's own CPU time, with
 * major GC pauses counted apart from the page's own work.
 */
test.skip(!process.env.E2E_SLOW_DEVICE, 'a one-minute measurement: set E2E_SLOW_DEVICE=1');

test('4× CPU throttling, 45 s of the quick preset training: main-thread long tasks', async ({ page }) => {
  test.setTimeout(420_000);
  await observeLongTasks(page);
  await openLab(page, 'preset=lth-mnist-quick&backend=wasm', 'wasm');
  const cdp = await page.context().newCDPSession(page);
  await page.getByTestId('btn-start').click();
  // On a loaded machine the calibration at page load can read slow enough (over 30 min) that Start asks first.
  await page.waitForTimeout(500);
  if (await page.getByTestId('btn-start-confirm').isVisible()) await page.getByTestId('btn-start-confirm').click();
  // From the first trained batch on, for 45 s: throttled from there (loading the data is the worker's
  // business, and on a loaded test machine a throttled start could take longer than the measurement).
  await expect.poll(() => runDone(page), { timeout: 120_000 }).toBeGreaterThan(0);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const t0 = await page.evaluate(() => performance.now());
  const stop = await traceMainThread(page);
  const stopProfile = process.env.E2E_PROFILE ? await startCpuProfile(cdp) : undefined;
  const stopMutations = process.env.E2E_PROFILE ? await startMutationCount(page) : undefined;
  await page.waitForTimeout(45_000);
  // The heaviest update is a round's end (a new point on every per-round chart, pictures, a history write):
  // measure until one has been drawn, so 45 s mid-round cannot pass for smooth.
  await expect.poll(() => roundsDrawn(page), { timeout: 180_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(3_000);
  const seconds = Math.round(((await page.evaluate(() => performance.now())) - t0) / 1000);
  const thread = await stop();
  if (stopProfile) console.log(`main-thread self time by function:\n${await stopProfile()}`);
  if (stopMutations) console.log(`DOM changes by nearest data-testid:\n${await stopMutations()}`);
  const wall = await longestTaskSince(page, t0);
  const result = { throttling: 4, seconds, roundsDrawn: await roundsDrawn(page), wallLongTasks: wall.count, wallLongestMs: +wall.max.toFixed(1), threadLongTasks: thread.count, threadLongestMs: +thread.max.toFixed(1), ofThemGcPauses: thread.gcCount, longestGcMs: +thread.gcMax.toFixed(1), longestOtherMs: +thread.ownMax.toFixed(1), testProbeTasksLeftOut: thread.probeTasks, iterations: await runDone(page) };
  console.log(`4× throttled, ${seconds} s: ${JSON.stringify(result)}`);
  writeFileSync(join(ARTIFACTS, 'slow-device.json'), JSON.stringify(result, null, 2));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // No task over 50 ms, the page's own work (script, style, layout, paint) or a major GC pause. The GC pauses come
  // from V8's memory reducer (it shrinks the heap of a page that allocates little) and their length follows how much
  // the page keeps and how much garbage it makes: 60-76 ms while recharts was in the page, up to 61 ms while the
  // progress text changed at every store update (Oilpan compacting its text and layout garbage), 28-45 ms in 10 runs
  // once that text changed once a second and the worker sent 4 batches a second instead of 10.
  expect(thread.count - thread.gcCount, 'long tasks of the page\'s own work').toBe(0);
  expect(thread.gcMax, 'longest major GC pause (ms, 4× throttled)').toBeLessThan(50);
});

/** Points on the accuracy-vs-sparsity chart: one per finished round and network. */
async function roundsDrawn(page: Page): Promise<number> {
  return Number(await page.getByTestId('chart-lottery').locator('[data-points]').getAttribute('data-points').catch(() => '0'));
}
