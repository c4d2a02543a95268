import { expect, test } from '@playwright/test';
import { openLab, shot, waitForStatus } from './helpers';

const field = (id: string) => `[id="${id}"]`;

test('panel: rates in %, worded messages, only the fields that apply, rewinding needs a step', async ({ page }) => {
  await openLab(page, 'preset=lth-mnist-quick&backend=wasm', 'wasm');
  // LeNet-300-100 has no convolutions: no conv rate; the preset prunes 50 % of the hidden weights per round.
  await expect(page.locator(field('method.params.rates.fc'))).toHaveValue('50');
  await expect(page.locator(field('method.params.rates.conv'))).toHaveCount(0);
  await expect(page.locator(field('method.params.rewindStep'))).toHaveCount(0);
  await expect(page.locator(field('method.params.globalRate'))).toHaveCount(0);

  await page.locator(field('method.params.rates.fc')).fill('100');
  await expect(page.getByTestId('error-method.params.rates.fc')).toHaveText('Enter a pruning rate between 0 and 100 % (less than 100 %)');
  await expect(page.getByTestId('btn-start')).toBeDisabled();
  await page.locator(field('method.params.rates.fc')).fill('50');
  await expect(page.getByTestId('error-method.params.rates.fc')).toHaveCount(0);

  // Rewinding shows its step, and without one it is an error, not a silent rewind to iteration 0.
  await page.locator(field('method.params.reset')).selectOption('rewind');
  await expect(page.getByTestId('error-method.params.rewindStep')).toContainText('Rewinding needs the iteration to rewind to');
  await expect(page.getByTestId('btn-start')).toBeDisabled();
  await page.locator(field('method.params.rewindStep')).fill('20');
  await expect(page.getByTestId('error-method.params.rewindStep')).toHaveCount(0);
  await page.screenshot({ path: shot('40-panel-imp') });

  // Another method: its own description and fields; the preset's IMP story is gone.
  await page.getByTestId('method-select').selectOption('snip');
  await expect(page.getByTestId('method-card')).toContainText('SNIP');
  await expect(page.getByTestId('preset-description')).toContainText('now with another method');
  await expect(page.locator(field('method.params.density'))).toHaveValue('');
  await expect(page.locator(field('method.params.density'))).toHaveAttribute('placeholder', '10');
  await page.locator(field('method.params.density')).fill('100');
  await expect(page.getByTestId('error-method.params.density')).toHaveText('Enter a density between 0 and 100 % (more than 0, less than 100 %)');
  await page.locator(field('method.params.density')).fill('5');
  await expect(page.getByTestId('btn-start')).toBeEnabled();
});

test('history: Delete can be undone', async ({ page }) => {
  await openLab(page, 'preset=tiny-test&iterations=30&trainSubset=500&backend=wasm', 'wasm');
  await page.getByTestId('btn-start').click();
  await waitForStatus(page, 'Finished');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(1);
  await page.getByTestId('history-delete').click();
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('history-undo')).toContainText('Deleted');
  await page.getByTestId('history-undo-button').click();
  await expect(rows).toHaveCount(1);
});
