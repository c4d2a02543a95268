import { expect, test, type Page } from '@playwright/test';
import { encodeRunFile } from '../src/engine/io/runFile';
import { normaliseConfig } from '../src/engine/experiment/normalise';
import { headerOf, resealHeader, sealedLink } from '../src/fuzz/hostile';
import { openLab, waitForStatus } from './helpers';

/**
 * Issue #10: hostile links and files end in a clear message, a working page
 * and a Start button that still trains the tiny preset. No link starts a job.
 */
const TINY = 'preset=tiny-test&iterations=30&trainSubset=500&backend=wasm';
const untouchedPrototype = (page: Page) => page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).length === 12 && ({} as Record<string, unknown>).polluted === undefined);

test.describe.configure({ mode: 'serial' });

test('a constructor link and autostart: a message, no blank page, nothing starts without a click', async ({ page }) => {
  await openLab(page, `${TINY}&autostart=1${sealedLink({ data: { dataset: 'constructor' } })}`, 'wasm');
  await expect(page.getByTestId('notice-share-link')).toContainText("unknown dataset 'constructor' — choose one of mnist, cifar10");
  await expect(page.getByTestId('notice-url')).toContainText('Ignored autostart in the link: training starts only when you press Start.');
  await expect(page.getByTestId('job-size')).toContainText('3 networks');
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('run-status')).toHaveText('Ready');
  await expect(page.locator('[data-testid^="region-error-"]')).toHaveCount(0);
});

test('a huge link shows its size and asks before starting; Cancel keeps the page idle', async ({ page }) => {
  const huge = sealedLink({ training: { iterations: 10_000_000 }, method: { id: 'imp', params: { rounds: 60 } }, controls: ['reinit'] });
  await openLab(page, `backend=wasm${huge}`, 'wasm');
  await expect(page.getByTestId('job-size')).toContainText('121 networks · 1,210,000,000 iterations');
  // The backend calibration timed LeNet's training step at page load: the expected time is this device's.
  await expect(page.getByTestId('job-time')).toContainText(/samples\/s measured here/);
  await page.getByTestId('btn-start').click();
  await expect(page.getByTestId('start-confirm')).toContainText('This experiment trains 121 networks for 1,210,000,000 iterations and needs about');
  await page.getByTestId('btn-start-cancel').click();
  await expect(page.getByTestId('start-confirm')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText('Ready');
  // A batch no backend can hold is refused with the number, before any click.
  await openLab(page, `backend=wasm&seed=1${sealedLink({ model: 'conv6', training: { batchSize: 4096 } })}`, 'wasm');
  await expect(page.locator('.field-error').filter({ hasText: /This run needs about [\d.]+ GB on wasm \(Conv-6 × batch 4096\)/ })).toBeVisible();
  await expect(page.getByTestId('btn-start')).toBeDisabled();
});

test('a hostile file and a damaged stored run: messages, quarantine, and the tiny preset still trains', async ({ page }) => {
  await openLab(page, TINY, 'wasm');
  // A run file whose blob group is __proto__, checksum valid.
  const good = encodeRunFile({ result: { schema: 'sparse-lab/run@1', runId: 'r', config: normaliseConfig({ model: 'mlp-tiny' }), backend: 'wasm', startedAt: '2026-11-30T00:00:00Z', seconds: 1, rounds: [] }, masks: { 'fc1/kernel': new Uint8Array(8).fill(1) } });
  const header = headerOf(good) as { blobs: { group: string }[] };
  header.blobs[0].group = '__proto__';
  await page.getByTestId('import-input').setInputFiles({ name: 'proto.sparselab', mimeType: 'application/octet-stream', buffer: Buffer.from(resealHeader(good, header)) });
  await expect(page.getByTestId('notice-import-failed')).toContainText('proto.sparselab has an invalid header: blobs.0.group');
  expect(await untouchedPrototype(page)).toBe(true);

  // A stored row whose checkpoint round is an object (it used to blank every later visit), written straight into IndexedDB.
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('sparse-lab', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction(['meta'], 'readwrite');
      tx.objectStore('meta').put({ id: 'evil', name: 'evil run', methodId: 'imp', model: 'mlp-tiny', dataset: 'mnist', seed: 0, createdAt: '2026-11-30T00:00:00Z', updatedAt: 'x', backend: 'wasm', status: 'stopped', origin: 'file', input: {}, config: null, rounds: 0, sparsest: null, best: null, seconds: 0, hasTicket: false, checkpointRound: { toString: 1 } });
      tx.oncomplete = () => (req.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }));
  await page.reload();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(page.getByTestId('damaged-row')).toContainText('evil run — checkpointRound:');
  await expect(page.locator('[data-testid^="region-error-"]')).toHaveCount(0);

  await page.getByTestId('btn-start').click();
  await waitForStatus(page, 'Finished');
  await page.getByTestId('damaged-remove').click();
  await expect(page.getByTestId('damaged-row')).toHaveCount(0);
});
