import { expect, test, type Page } from '@playwright/test';
import { fullPageShot, openLab } from './helpers';

/**
 * Every method family's preset runs to completion in the page on a tiny
 * budget (the URL's iterations and trainSubset), with that method's own notes
 * and charts. Budgets here are for speed only; the presets' real budgets fit
 * a lecture (≤ 3 minutes on WASM).
 */
interface RunState { status: string; methodId: string; rounds: { layers: { name: string; density: number }[] }[]; lmc?: unknown[] }

const runsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sparseLab: { state(): { runs: RunState[] } } }).__sparseLab.state().runs);

// The comparisons run one network after another; on a loaded 2-core machine that takes minutes.
test.describe.configure({ timeout: 300_000 });

async function runPreset(page: Page, preset: string, runs: number, iterations = 60): Promise<RunState[]> {
  await openLab(page, `preset=${preset}&iterations=${iterations}&trainSubset=300&backend=wasm`, 'wasm');
  await page.getByTestId('btn-start').click();
  await expect.poll(async () => (await runsOf(page)).filter((r) => r.status === 'finished').length, { timeout: 280_000 }).toBe(runs);
  await fullPageShot(page, `preset-${preset}`);
  return runsOf(page);
}

test('IMP reset vs weight rewinding vs LR rewinding: three lines on the lottery chart', async ({ page }) => {
  await runPreset(page, 'imp-reset-vs-rewind', 3);
  const chart = page.getByTestId('chart-lottery');
  await expect(chart.locator('[data-series]')).toHaveAttribute('data-series', '3');
  await expect(chart).toContainText('IMP, weight rewinding');
  await expect(chart).toContainText('IMP, LR rewinding');
});

test('random at init, uniform vs ERK vs SNIP: comparison notes and error bars over two seeds', async ({ page }) => {
  await runPreset(page, 'random-at-init-mnist', 18, 20);
  const chart = page.getByTestId('chart-lottery');
  await expect(chart).toContainText('standard deviation');
  await expect(chart.locator('path.chart-err').first()).toBeAttached();
});

test('GraNet / GMP / RigL: the mask over training and the regrown share, labelled by where the mask went', async ({ page }) => {
  await runPreset(page, 'during-training-mnist', 8);
  await expect(page.getByTestId('chart-density-training')).toBeVisible();
  expect(Number(await page.getByTestId('density-training').getAttribute('data-updates'))).toBeGreaterThan(2);
  await expect(page.getByTestId('chart-curves')).toContainText('throughout'); // the newest run is RigL: constant density
});

test("open_lth's LeNet recipe: no early stop said plainly, the output layer never pruned", async ({ page }) => {
  const [run] = await runPreset(page, 'open-lth-lenet', 1, 8);
  expect(run.rounds).toHaveLength(11);
  for (const r of run.rounds) expect(r.layers.find((l) => l.name === 'out/kernel')?.density).toBe(1);
  await expect(page.getByTestId('chart-early-stop-note')).toContainText('No validation set');
});

test('Why rewinding works: interpolation curves and the barrier against k', async ({ page }) => {
  // 40 iterations: the k of the preset (0, 25, 100, 250 of 1,000) scale to 0, 1, 4 and 10.
  const [run] = await runPreset(page, 'why-rewinding-works', 1, 40);
  expect(run.lmc).toHaveLength(4);
  await expect(page.getByTestId('lmc')).toHaveAttribute('data-ks', '4');
  await expect(page.getByTestId('chart-lmc')).toContainText('Largest barrier');
});
