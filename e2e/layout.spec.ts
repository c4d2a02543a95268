import { expect, test, type Page } from '@playwright/test';
import { fullPageShot, openLab, shot } from './helpers';

/** A phone, a tablet, a common projector, a large monitor. */
const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

type Box = { name: string; top: number; bottom: number; left: number; right: number };

/** The boxes that must never cover each other: header, run bar, settings panel (when shown), main chart. */
async function boxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const pick: [string, string][] = [['header', 'header.top'], ['run bar', '#run-bar'], ['panel', '#settings:not([hidden])'], ['main chart', '[data-testid="chart-lottery"]']];
    return pick.flatMap(([name, sel]) => {
      const el = document.querySelector(sel);
      if (!el) return [];
      const r = el.getBoundingClientRect();
      return [{ name, top: r.top, bottom: r.bottom, left: r.left, right: r.right }];
    });
  });
}

function overlaps(bs: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < bs.length; i++) {
    for (let j = i + 1; j < bs.length; j++) {
      const a = bs[i], b = bs[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) out.push(`${a.name} × ${b.name} (${w.toFixed(0)}×${h.toFixed(0)} px)`);
    }
  }
  return out;
}

/** Horizontal overflow of the page (0 = no sideways scrolling). */
const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** True when the element's centre is really the element (not painted over by anything). */
const onTop = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === el || el.contains(hit);
  });

for (const size of SIZES) {
  test(`layout at ${size.width}×${size.height}: no sideways scrolling, nothing painted over anything, Start in reach`, async ({ page }) => {
    await page.setViewportSize(size);
    await openLab(page, 'preset=lth-mnist-quick&backend=wasm', 'wasm');
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    expect(overlaps(await boxes(page))).toEqual([]);
    const start = await page.getByTestId('btn-start').boundingBox();
    expect(start!.y + start!.height).toBeLessThanOrEqual(size.height);
    expect(await onTop(page, 'btn-start')).toBe(true);
    if (size.width === 1280) {
      // The projector case: Start and the whole accuracy-vs-sparsity plot above the fold.
      const plot = await page.getByTestId('chart-lottery').locator('.live-chart-svg').boundingBox();
      expect(plot!.y).toBeGreaterThan(0);
      expect(plot!.y + plot!.height).toBeLessThanOrEqual(size.height);
    }
    await page.screenshot({ path: shot(`layout-${size.width}x${size.height}`) });

    // Scrolled: the sticky parts stay clear of each other and of the chart.
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(150);
    expect(overlaps((await boxes(page)).filter((b) => b.name !== 'main chart'))).toEqual([]);
    const sticky = (await boxes(page)).filter((b) => b.name !== 'main chart' && b.name !== 'header' && b.bottom > 0);
    const chart = (await boxes(page)).find((b) => b.name === 'main chart')!;
    // Whatever sticks may pass over the scrolled chart (it is on top by design); the panel never does.
    expect(overlaps([chart, ...sticky.filter((b) => b.name === 'panel')])).toEqual([]);
    await page.mouse.wheel(0, -500);

    if (size.width < 1100) {
      // Narrow screens start with the settings folded: one click shows them above the charts, still no overlap.
      await page.getByTestId('btn-panel').click();
      await expect(page.locator('#settings')).toBeVisible();
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
      expect(overlaps(await boxes(page))).toEqual([]);
      await fullPageShot(page, `layout-${size.width}x${size.height}-settings`);
    } else {
      // Presentation mode, one click away: panel folded, bigger type, the chart larger.
      const before = (await page.getByTestId('chart-lottery').locator('.live-chart-svg').boundingBox())!.height;
      await page.getByTestId('btn-present').click();
      await expect(page.locator('#settings')).toBeHidden();
      await expect.poll(async () => (await page.getByTestId('chart-lottery').locator('.live-chart-svg').boundingBox())!.height).toBeGreaterThan(before);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
      expect(overlaps(await boxes(page))).toEqual([]);
      await page.screenshot({ path: shot(`layout-${size.width}x${size.height}-presenting`) });
    }
  });
}
