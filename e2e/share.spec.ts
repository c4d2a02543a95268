import { expect, test, type Locator, type Page } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, toBase64Url } from '../src/engine/io/bytes';
import { fullPageShot, ARTIFACTS, openLab, shot, waitForStatus } from './helpers';

/**
 * Issue #5: share links, run history, resume after a reload, export/import,
 * bad input. All on WASM with the tiny preset, so the file stays under ~2 minutes.
 */
const TINY = 'preset=tiny-test&iterations=30&trainSubset=500';
const VIEWPORT = { width: 1600, height: 1000 };

interface Round { series: string; round: number; density: number; earlyStopTestAcc: number; finalTestAcc: number }
interface Run { key: string; source?: string; status: string; config: unknown; rounds: Round[] }
interface Meta { id: string; status: string; checkpointRound?: number }
type Hook = {
  state(): { runs: Run[]; activeRunKey: string | null; draft: unknown; progress: { runDone: number; runTotal: number } | null };
  history(): Meta[];
  masksDigest(series: string, round: number): Promise<string | null>;
  storedMasksDigest(id: string): Promise<string | null>;
};
const hook = <T,>(page: Page, fn: (h: Hook) => T | Promise<T>) =>
  page.evaluate(`(${fn.toString()})(window.__sparseLab)`) as Promise<T>;

/** What a chart draws: every line's path and every dot, in document order. */
async function drawn(chart: Locator): Promise<{ lines: string[]; dots: number }> {
  const lines = await chart.locator('path.chart-line').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  return { lines, dots: await chart.locator('circle.chart-dot').count() };
}
const CHARTS = ['chart-lottery', 'chart-early-stop', 'chart-curves'];
const allCharts = async (page: Page) => Promise.all(CHARTS.map((id) => drawn(page.getByTestId(id))));
/**
 * The charts once they stop changing: they redraw at most every 750 ms, so a
 * snapshot taken right after "Finished" can miss the last redraw (the
 * early-stop chart then looked empty and the comparison below failed).
 */
async function settledCharts(page: Page) {
  let last = JSON.stringify(await allCharts(page));
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(1000);
    const now = JSON.stringify(await allCharts(page));
    if (now === last) return JSON.parse(now) as Awaited<ReturnType<typeof allCharts>>;
    last = now;
  }
  throw new Error('the charts kept changing for 20 s after the run finished');
}
const summary = (rounds: Round[]) => rounds.map((r) => [r.series, r.round, +r.density.toFixed(4), +r.earlyStopTestAcc.toFixed(4), +r.finalTestAcc.toFixed(4)]);

test.describe.configure({ mode: 'serial' });

test('a shared link shows the same config and charts in a fresh browser; Re-run agrees; export → import redraws identical charts', async ({ page, browser }) => {
  await openLab(page, `${TINY}&backend=wasm`, 'wasm');
  await page.getByTestId('btn-start').click();
  await waitForStatus(page, 'Finished');
  const lottery = page.getByTestId('chart-lottery').locator('[data-points]');
  await expect(lottery).toHaveAttribute('data-points', '3');
  const original = await hook(page, (h) => h.state().runs[0]);
  await expect.poll(() => hook(page, (h) => h.history()[0]?.status)).toBe('finished');
  const before = await settledCharts(page);

  // Share with results: the link is in a box (the clipboard may be refused headless; either outcome is shown).
  await page.getByTestId('btn-share').click();
  await page.getByTestId('share-with-results').check();
  const link = await page.getByTestId('share-link').inputValue();
  console.log(`share link with results: ${link.length} characters`);
  await page.getByTestId('btn-copy-link').click();
  await expect(page.getByText('Copied ✓').or(page.getByTestId('copy-fallback'))).toBeVisible();

  // Export the run as a .sparselab file.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').first().click()]);
  expect(dl.suggestedFilename()).toMatch(/\.sparselab$/);
  const file = join(ARTIFACTS, 'tiny-run.sparselab');
  await dl.saveAs(file);

  // A fresh context: no history, nothing in common with the first page but the link.
  const ctx = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
  const other = await ctx.newPage();
  other.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  const opened = new URL(link);
  opened.searchParams.set('backend', 'wasm');
  await other.goto(opened.toString());
  await expect(other.getByTestId('link-results-banner')).toBeVisible();
  await expect(other.getByTestId('preset-select')).toHaveValue('tiny-test');
  await expect(other.locator('[id="training.iterations"]')).toHaveValue('30');
  await expect(other.locator('[id="data.trainSubset"]')).toHaveValue('500');
  const linked = await hook(other, (h) => h.state().runs.find((r) => r.source === 'link')!);
  expect(linked.config).toEqual(original.config);
  expect(summary(linked.rounds)).toEqual(summary(original.rounds));
  const otherLottery = other.getByTestId('chart-lottery').locator('[data-points]');
  await expect(otherLottery).toHaveAttribute('data-points', '3');
  await expect(otherLottery).toHaveAttribute('data-series', '2');
  await fullPageShot(other, '09-opened-shared-link');

  // Re-run: the same config and seed on the same backend gives the same results.
  await expect(other.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await other.getByTestId('btn-rerun').click();
  await waitForStatus(other, 'Finished');
  const rerun = await hook(other, (h) => h.state().runs.find((r) => !r.source)!);
  expect(rerun.config).toEqual(original.config);
  expect(summary(rerun.rounds)).toEqual(summary(original.rounds));
  await expect(otherLottery).toHaveAttribute('data-series', '4');

  // Import the exported file there: the charts come back exactly as the first page drew them.
  await other.getByRole('button', { name: 'Clear finished runs' }).click();
  await expect(otherLottery).toHaveAttribute('data-points', '0');
  await other.getByTestId('import-input').setInputFiles(file);
  await expect(otherLottery).toHaveAttribute('data-points', '3');
  await expect.poll(() => allCharts(other)).toEqual(before);
  await expect(other.getByTestId('history-row').filter({ hasText: 'file' })).toHaveCount(1);
  await fullPageShot(other, '10-imported-run');
  await ctx.close();
});

test('a reload mid-run offers to resume; the resumed run ends with the same masks as an uninterrupted one', async ({ page }) => {
  const query = 'preset=tiny-test&iterations=300&trainSubset=500&rounds=3&backend=wasm';
  await openLab(page, query, 'wasm');
  await page.getByTestId('btn-start').click();
  const key = await hook(page, (h) => h.state().activeRunKey!);
  // Reload as soon as the first checkpoint is stored (round 0 done, round 1 training).
  await expect.poll(() => hook(page, (h) => h.history().find((m) => m.id === (h.state().activeRunKey ?? ''))?.checkpointRound ?? -1), { intervals: [50], timeout: 60_000 })
    .toBeGreaterThanOrEqual(1);
  expect(await hook(page, (h) => h.state().activeRunKey)).toBe(key);
  await page.reload();

  const banner = page.getByTestId('resume-banner');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toHaveAttribute('data-run', key);
  await page.screenshot({ path: shot('11-resume-banner') });
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await page.getByTestId('btn-resume-run').click();
  await expect(banner).toBeHidden();
  // The rounds before the checkpoint are kept, not trained again.
  await expect.poll(() => hook(page, (h) => h.state().runs[0]?.rounds.length ?? 0)).toBeGreaterThanOrEqual(1);
  await waitForStatus(page, 'Finished', 110_000);
  // The experiment's count goes on from the checkpoint's and ends exactly at the planned total (it once read "3,600 of 3,300").
  const progress = await hook(page, (h) => h.state().progress);
  expect(progress?.runDone).toBe(progress?.runTotal);
  const resumed = await hook(page, (h) => h.state().runs[0]);
  expect(resumed.key).toBe(key);
  const resumedDigest = await hook(page, (h) => h.masksDigest('trunk', 3));
  await expect.poll(() => hook(page, (h) => h.history()[0]?.status)).toBe('finished');
  expect(await page.evaluate((id) => (window as unknown as { __sparseLab: Hook }).__sparseLab.storedMasksDigest(id), key)).toBe(resumedDigest);

  // The same config again, uninterrupted, on the same backend.
  await page.getByTestId('btn-start').click();
  await expect(page.getByTestId('run-status')).not.toHaveText('Finished');
  await waitForStatus(page, 'Finished', 110_000);
  const whole = await hook(page, (h) => h.state().runs.at(-1)!);
  const wholeDigest = await hook(page, (h) => h.masksDigest('trunk', 3));
  console.log(`final masks: resumed ${resumedDigest}, uninterrupted ${wholeDigest}`);
  expect(resumedDigest).not.toBeNull();
  expect(resumedDigest).toBe(wholeDigest);
  expect(summary(resumed.rounds)).toEqual(summary(whole.rounds));
});

function rawLink(compact: unknown): string {
  const c = toBase64Url(deflateSync(strToU8(JSON.stringify(compact))));
  return `#v=1&c=${c}&k=${crc32(strToU8(c)).toString(36)}`;
}

test('bad links and files: a clear, dismissible message and the defaults; nothing crashes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openLab(page, 'preset=tiny-test&backend=wasm', 'wasm');
  await page.getByTestId('btn-share').click();
  const good = new URL(await page.getByTestId('share-link').inputValue());
  const at = good.hash.indexOf('c=') + 12;
  const tampered = `${good.hash.slice(0, at)}${good.hash[at] === 'A' ? 'B' : 'A'}${good.hash.slice(at + 1)}`;

  await page.goto(`/?backend=wasm${tampered}`);
  const notice = page.getByTestId('notice-share-link');
  await expect(notice).toContainText('damaged');
  await expect(page.getByTestId('preset-select')).toHaveValue('lth-mnist-quick');
  await expect(page.locator('[id="training.iterations"]')).toHaveValue('2000');
  expect(page.url()).not.toContain(tampered); // replaced by the defaults' link: a reload will not repeat the error
  await page.screenshot({ path: shot('12-tampered-link') });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();

  // (A different query each time: a change of hash alone would not reload the page.)
  await page.goto(`/?backend=wasm&try=2${rawLink({ seed: 3, turbo: true, training: { lr: 0.1 } })}`);
  await expect(page.getByTestId('notice-share-link')).toContainText('unknown field "turbo"');
  await page.goto(`/?backend=wasm&try=3${good.hash.replace('v=1', 'v=9')}`);
  await expect(page.getByTestId('notice-share-link')).toContainText('version 9');
  await expect(page.getByTestId('preset-select')).toHaveValue('lth-mnist-quick');

  // Files: one picked with the button, one dropped on the history card.
  await page.getByTestId('import-input').setInputFiles({ name: 'notes.sparselab', mimeType: 'application/octet-stream', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('notice-import-failed')).toContainText('not a Sparse Lab run file');
  const exported = readFileSync(join(ARTIFACTS, 'tiny-run.sparselab'));
  const cut = Array.from(exported.subarray(0, exported.length - 200));
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'cut-short.sparselab'));
    return dt;
  }, cut);
  await page.getByTestId('history-panel').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Could not open cut-short.sparselab')).toBeVisible();
  await expect(page.getByTestId('notice-import-failed').filter({ hasText: 'cut-short' })).toContainText(/damaged|truncated/);
  expect(errors).toEqual([]);
});
