import { expect, test } from '@playwright/test';
import { openLab, waitForStatus } from './helpers';

/**
 * Issue #14: the built page trains on threaded WASM (every core the browser
 * reports) with the sparse kernels, and the header says so. Before the
 * pthread fix every thread died with "e is not defined".
 */
test('WASM in the built page runs threaded with the sparse kernels, and the header says so', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await openLab(page, 'preset=tiny-test&iterations=200&backend=wasm', 'wasm');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const isolated = await page.evaluate(() => crossOriginIsolated);
  expect(isolated).toBe(true);
  const detail = page.getByTestId('backend-detail');
  await expect(detail).toContainText(cores > 1 ? `${cores} threads` : '1 thread');
  await expect(detail).toContainText('sparse kernels');
  // The job-size line prices the pruned round (50 %) on the sparse kernels, from the dense calibration (issue #11).
  await expect(page.getByTestId('job-time')).toHaveAttribute('data-sparse', 'priced');
  await expect(page.getByTestId('job-time')).toContainText('pruned rounds faster on the sparse kernels');
  await page.getByTestId('btn-start').click();
  await waitForStatus(page, 'Finished');
  expect(errors.filter((e) => /is not defined|pthread|worker/i.test(e))).toEqual([]);
});
