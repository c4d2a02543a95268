import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullPageShot, ARTIFACTS, openLab, shot, waitForStatus } from './helpers';

const TINY = 'preset=tiny-test&iterations=60&trainSubset=500&backend=wasm';

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function seriousViolations(page: Page, state: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  writeFileSync(join(ARTIFACTS, `axe-${state}.json`), JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })), null, 2));
  return bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('keyboard: a skip link first, Start within 5 Tab presses, a visible focus ring', async ({ page }) => {
  await openLab(page, TINY, 'wasm');
  let presses = 0;
  let onStart = false;
  const stops: string[] = [];
  while (presses < 10 && !onStart) {
    await page.keyboard.press('Tab');
    presses++;
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { testId: el?.dataset.testid ?? '', text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim().slice(0, 40) };
    });
    stops.push(focused.testId || focused.text);
    onStart = focused.testId === 'btn-start';
  }
  console.log(`Tab stops to Start: ${presses} (${stops.join(' → ')})`);
  writeFileSync(join(ARTIFACTS, 'tab-count.json'), JSON.stringify({ presses, stops }, null, 2));
  expect(stops[0]).toBe('Skip to the run controls');
  expect(onStart).toBe(true);
  expect(presses).toBeLessThanOrEqual(5);
  const ring = await page.getByTestId('btn-start').evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
  expect(ring).toBe('solid 3px');
  await page.screenshot({ path: shot('30-focus-on-start') });
});

test('axe: no serious or critical violations fresh, running, finished and on a shared link; every chart has a table view', async ({ page, browser }) => {
  await openLab(page, TINY, 'wasm');
  expect(await seriousViolations(page, 'fresh')).toEqual([]);

  await page.getByTestId('btn-start').click();
  await waitForStatus(page, /Training|Loading data/);
  await page.getByTestId('btn-pause').click(); // a stable page to analyse: paused mid-run
  await waitForStatus(page, 'Paused');
  expect(await seriousViolations(page, 'running')).toEqual([]);
  await page.getByTestId('btn-resume').click();
  await waitForStatus(page, 'Finished');
  await expect(page.getByTestId('announcer')).toHaveText('The experiment finished.');

  // Table views: the lottery chart's table holds the same three points the chart draws.
  for (const id of ['chart-lottery', 'chart-curves', 'chart-early-stop', 'chart-layers', 'picture-layers', 'picture-histogram']) {
    await page.getByTestId(`${id}-table-toggle`).click();
    await expect(page.getByTestId(id).getByTestId('chart-table')).toBeVisible();
  }
  await expect(page.getByTestId('chart-lottery').getByTestId('chart-table').locator('tbody tr')).toHaveCount(2); // 100 % and ~50 %
  expect(await seriousViolations(page, 'finished')).toEqual([]);
  await fullPageShot(page, '31-tables');

  await page.getByTestId('btn-share').click();
  await page.getByTestId('share-with-results').check();
  const link = await page.getByTestId('share-link').inputValue();
  const context = await browser.newContext(); // AxeBuilder needs a page from an explicit context
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('backend-name')).not.toHaveAttribute('data-backend', '', { timeout: 60_000 });
  await expect(other.getByTestId('chart-lottery').locator('[data-points]')).toHaveAttribute('data-points', '3');
  expect(await seriousViolations(other, 'shared-link')).toEqual([]);
  await context.close();
});
