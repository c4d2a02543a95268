import { chromium, expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, shot } from './helpers';

/** LeNet-300-100 on MNIST: the model the first-contact user trains. */
const LENET = '/?preset=lth-mnist-quick';

async function chosen(page: Page): Promise<{ backend: string; choice: string; rates: Record<string, number>; ms: Record<string, number> }> {
  const name = page.getByTestId('backend-name');
  await expect(name).not.toHaveAttribute('data-backend', '', { timeout: 60_000 });
  await page.getByTestId('backend-why').locator('summary').click();
  const rows = page.getByTestId('backend-candidates').locator('tr[data-candidate]');
  await expect(rows.first()).toBeVisible();
  const rates: Record<string, number> = {};
  const ms: Record<string, number> = {};
  for (const row of await rows.all()) {
    rates[(await row.getAttribute('data-candidate'))!] = Number(await row.getAttribute('data-rate'));
    ms[(await row.getAttribute('data-candidate'))!] = Number(await row.getAttribute('data-ms'));
  }
  return { backend: (await name.getAttribute('data-backend'))!, choice: (await name.getAttribute('data-choice'))!, rates, ms };
}

test('auto: LeNet lands on the backend measured fastest (WASM here, not software WebGPU); cached on reload; a manual choice is remembered', async ({ page }) => {
  await page.goto(LENET);
  const first = await chosen(page);
  const took = await page.getByTestId('backend-candidates').textContent();
  console.log(`LeNet-300-100 calibration with SwiftShader WebGPU offered: ${JSON.stringify(first)} — ${took}`);
  writeFileSync(join(ARTIFACTS, 'calibration-swiftshader.json'), JSON.stringify(first, null, 2));
  expect(first.choice).toBe('measured');
  expect(Object.keys(first.rates)).toEqual(expect.arrayContaining(['webgpu', 'wasm']));
  // The winner is the fastest candidate measured; on this 2-core machine that is WASM.
  expect(first.rates[first.backend]).toBe(Math.max(...Object.values(first.rates)));
  expect(first.backend).toBe('wasm');
  await page.screenshot({ path: shot('10-backend-measured') });

  await page.reload();
  const again = await chosen(page);
  expect(again).toMatchObject({ backend: 'wasm', choice: 'cached' });

  await page.getByTestId('backend-select').selectOption('cpu');
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-choice', 'manual', { timeout: 60_000 });
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('backend-select')).toHaveValue('cpu');
});

test('auto without WebGPU: LeNet still lands on WASM, with the candidates measured', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await page.goto(LENET);
    const r = await chosen(page);
    console.log(`LeNet-300-100 calibration without WebGPU flags: ${JSON.stringify(r)}`);
    writeFileSync(join(ARTIFACTS, 'calibration-no-webgpu.json'), JSON.stringify(r, null, 2));
    expect(r).toMatchObject({ backend: 'wasm', choice: 'measured' });
    expect(r.rates.wasm).toBe(Math.max(...Object.values(r.rates)));
  } finally {
    await browser.close();
  }
});
