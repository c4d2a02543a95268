import { defineConfig } from '@playwright/test';

/**
 * Started by e2e/run.mjs, which builds the app, serves it and passes the
 * server URL and the Chromium binary in the environment. One worker: the
 * machine has two cores, and the trainer worker needs one.
 */
const SWIFTSHADER_WEBGPU = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader'];

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: 'artifacts/test-results',
  workers: 1,
  fullyParallel: false,
  // One retry on CI only (as xyflow does): the long-task checks time the main
  // thread in wall-clock terms, which a busy 2-core machine can stretch. A test
  // that fails twice still fails the run, and a retried pass is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: Boolean(process.env.CI),
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4179',
    viewport: { width: 1600, height: 1000 },
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...SWIFTSHADER_WEBGPU],
    },
  },
});
