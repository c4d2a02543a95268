import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fullPageShot, ARTIFACTS, openLab, shot, waitForStatus } from './helpers';

/**
 * CIFAR-10 in the page: import the 20-record fixture archive (the official
 * layout, 6 KB) through the file input, train a tiny conv net on it, find it
 * again after a reload; a corrupt archive shows the engine's message.
 */
const FIXTURE = 'e2e/fixtures/cifar10/cifar-10-fixture.tar.gz';
/** Conv steps are slow on SwiftShader's software WebGPU; see the report for the measured time. */
const BACKEND = process.env.E2E_CONV_BACKEND ?? 'webgpu';

test.describe.configure({ mode: 'serial' });

const cifarOption = (page: Page) => page.locator('[id="data.dataset"] option[value="cifar10"]');
const box = (page: Page) => page.getByTestId('cifar-data');

interface RunSummary { status: string; backend: string; rounds: { finalTestAcc: number; steps: number; seconds: number }[] }
const runs = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sparseLab: { state(): { runs: RunSummary[] } } }).__sparseLab.state().runs
    .map((r) => ({ status: r.status, backend: r.backend, rounds: r.rounds.map((x) => ({ finalTestAcc: x.finalTestAcc, steps: x.steps, seconds: x.seconds })) })));

test('a CIFAR-10 preset without the data says "Import CIFAR-10 first"; a truncated archive is refused by name; dropped .bin files import', async ({ page }) => {
  await openLab(page, 'preset=conv2-cifar-quick&backend=wasm', 'wasm');
  await expect(box(page)).toHaveAttribute('data-availability', 'missing');
  await expect(page.getByTestId('cifar-needed')).toContainText('Import CIFAR-10 first');
  await expect(page.getByTestId('error-data.dataset')).toContainText('CIFAR-10 has not been imported yet');
  await expect(page.getByTestId('btn-start')).toBeDisabled();
  await expect(cifarOption(page)).toBeDisabled();

  const half = test.info().outputPath('cifar-10-half.tar.gz');
  const bytes = readFileSync(FIXTURE);
  writeFileSync(half, bytes.subarray(0, bytes.length >> 1));
  await page.getByTestId('cifar-file-input').setInputFiles(half);
  const error = page.getByTestId('cifar-import-error');
  await expect(error).toContainText('Could not import cifar-10-half.tar.gz');
  await expect(error).toContainText('truncated or corrupt gzip data');
  await expect(error).toContainText('download it again');
  await expect(box(page)).toHaveAttribute('data-availability', 'missing');
  await expect(cifarOption(page)).toBeDisabled();
  await page.getByTestId('cifar-data').screenshot({ path: shot('20-cifar-import-error') });

  // The six extracted .bin files, dropped on the box together (with a file the import ignores).
  const dir = 'e2e/fixtures/cifar10/cifar-10-batches-bin';
  const files = [...readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]), ['batches.meta.txt', '']];
  const drop = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const [name, b64] of list) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    return dt;
  }, files);
  await box(page).dispatchEvent('drop', { dataTransfer: drop });
  await expect(box(page)).toHaveAttribute('data-availability', 'imported');
  await expect(page.getByTestId('cifar-import-error')).toHaveCount(0);
  await expect(page.getByTestId('cifar-status')).toContainText('imported from 6 .bin files');
  await expect(page.getByTestId('error-data.dataset')).toHaveCount(0);
  await expect(page.getByTestId('btn-start')).toBeEnabled();
});

test('the fixture archive imports with progress, trains conv-tiny, and is still there after a reload', async ({ page }) => {
  await openLab(page, `preset=tiny-test&backend=${BACKEND}`, BACKEND);
  await expect(box(page)).toHaveAttribute('data-availability', 'missing');
  await page.getByTestId('cifar-file-input').setInputFiles(FIXTURE);
  await expect(box(page)).toHaveAttribute('data-availability', 'imported');
  const bar = page.getByTestId('progress-cifar-import');
  await expect(bar).toHaveAttribute('data-value', '1');
  await expect(bar).toHaveAttribute('data-max', '1');
  await expect(bar).toContainText('100 %');
  const seconds = Number(await page.getByTestId('cifar-import-time').getAttribute('data-seconds'));
  console.log(`CIFAR-10 fixture import in the page (6 KB archive, 120 images, read + checked + stored): ${(seconds * 1000).toFixed(0)} ms`);
  test.info().annotations.push({ type: 'fixture import (ms)', description: (seconds * 1000).toFixed(0) });
  await expect(page.getByTestId('cifar-import-warning')).toContainText('20 records instead of the official 10,000');
  await expect(cifarOption(page)).toBeEnabled();
  await box(page).screenshot({ path: shot('21-cifar-imported') });

  // A tiny conv run: 2 rounds (dense + one IMP round) of 4 iterations, batch 8, on 50 training images.
  await page.locator('[id="data.dataset"]').selectOption('cifar10');
  await page.locator('#model').selectOption('conv-tiny');
  for (const [id, v] of [['training.iterations', '4'], ['training.batchSize', '8'], ['training.evalEvery', '2'], ['data.trainSubset', '50'], ['data.valSize', '20']]) {
    await page.locator(`[id="${id}"]`).fill(v);
  }
  await page.getByLabel('Same mask, random re-initialisation').uncheck();
  await expect(page.getByTestId('cifar-needed')).toHaveCount(0);
  const t0 = Date.now();
  await page.getByTestId('btn-start').click();
  await waitForStatus(page, /Finished|Failed/, 100_000);
  const [run] = await runs(page);
  const steps = run.rounds.reduce((n, r) => n + r.steps, 0);
  const trainSeconds = run.rounds.reduce((n, r) => n + r.seconds, 0);
  const perStep = (1000 * trainSeconds) / Math.max(1, steps);
  console.log(`conv-tiny on ${run.backend}: ${steps} steps in ${trainSeconds.toFixed(1)} s (${perStep.toFixed(0)} ms a step with evaluation; ${((Date.now() - t0) / 1000).toFixed(1)} s from Start)`);
  test.info().annotations.push({ type: 'conv step', description: `${run.backend}: ${perStep.toFixed(0)} ms` });
  writeFileSync(join(ARTIFACTS, 'cifar-run.json'), JSON.stringify({ importSeconds: seconds, ...run, perStepMs: perStep }, null, 2));
  expect(run).toMatchObject({ status: 'finished', backend: BACKEND });
  expect(run.rounds).toHaveLength(2);
  for (const r of run.rounds) expect(Number.isFinite(r.finalTestAcc)).toBe(true);
  await fullPageShot(page, '22-cifar-run-finished');

  // The import lives in IndexedDB: a reload finds it without importing again.
  await page.reload();
  await expect(box(page)).toHaveAttribute('data-availability', 'imported');
  await expect(page.getByTestId('cifar-status')).toContainText('stored in this browser: 120 images');
  await expect(page.getByTestId('progress-cifar-import')).toHaveCount(0);
  await expect(cifarOption(page)).toBeEnabled();

  // Not the official archive (its md5 differs) while an import is stored: the page asks first, and keeps it when told.
  await page.getByTestId('cifar-file-input').setInputFiles(FIXTURE);
  await expect(page.getByTestId('cifar-confirm')).toContainText('is not byte-for-byte the official cifar-10-binary.tar.gz');
  await expect(page.getByTestId('cifar-confirm')).toContainText('c32a1d4ab5d03f1284b67883e8d87530');
  await box(page).screenshot({ path: shot('23-cifar-md5-confirm') });
  await page.getByTestId('cifar-keep').click();
  await expect(page.getByTestId('cifar-import-notice')).toContainText('Kept the CIFAR-10 stored in this browser');
  await expect(box(page)).toHaveAttribute('data-availability', 'imported');

  // The plain .tar (un-gzipped) imports too; its md5 cannot be compared, which the warning says.
  const tar = test.info().outputPath('cifar-10-fixture.tar');
  writeFileSync(tar, gunzipSync(readFileSync(FIXTURE)));
  await page.getByTestId('cifar-file-input').setInputFiles(tar);
  await expect(page.getByTestId('cifar-status')).toContainText('imported from cifar-10-fixture.tar.', { timeout: 30_000 });
  await expect(page.getByTestId('cifar-import-warning')).toContainText('is a plain .tar');

  await page.getByTestId('cifar-forget').click();
  await expect(box(page)).toHaveAttribute('data-availability', 'missing');
  await expect(cifarOption(page)).toBeDisabled();
});
