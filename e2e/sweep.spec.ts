import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLab, shot } from './helpers';

/**
 * Issue #16: a merged sweep from `npm run lab -- merge` (file picker or drop)
 * is drawn on the page's comparison charts, one line per method and grid
 * point; a file that is not one gets a message.
 */
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'sweep', 'sweep.json');

test('the page draws a merged sweep file; a bad one is refused with a message', async ({ page }) => {
  await openLab(page, 'preset=tiny-test&backend=wasm', 'wasm');
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  const lottery = page.getByTestId('chart-lottery');
  // 4 methods × 2 learning rates; dense 1 point, IMP 3, random ERK and SNIP 2 each per learning rate.
  await expect(lottery.locator('[data-points]')).toHaveAttribute('data-series', '8');
  await expect(lottery.locator('[data-points]')).toHaveAttribute('data-points', '16');
  await expect(lottery.locator('.legend')).toContainText('IMP ticket · training.lr=0.01');
  await expect(lottery.locator('.legend')).toContainText('Random (ERK) · training.lr=0.003');
  await expect(page.getByTestId('chart-early-stop').locator('[data-points]')).toHaveAttribute('data-points', '16');
  await lottery.screenshot({ path: shot('16-merged-sweep') });

  // Dropped on the history card, like a run file: a JSON that is not a merged sweep.
  const text = readFileSync(FIXTURE, 'utf8').replace('"cells":[', '"__proto__":{"polluted":1},"cells":[');
  await page.getByTestId('history-panel').evaluate((el, body) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], 'evil.json', { type: 'application/json' }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.getByTestId('notice-import-failed')).toContainText('reserved key');
  expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  await expect(lottery.locator('[data-points]')).toHaveAttribute('data-series', '8');
});
