#!/usr/bin/env node
/**
 * The browser half of `npm run bench` (issue #7): serves the built app with
 * `vite preview` (COOP/COEP headers, so the page is cross-origin isolated),
 * opens bench.html in headless Chromium once per backend and prints one JSON
 * line per configuration (src/bench/page/main.ts PageBenchResult) on stdout.
 * Chromium is found as e2e/run.mjs finds it; WebGPU runs on SwiftShader
 * (a correctness device: few steps), WebGL is reported unavailable if headless
 * Chromium has no GPU context. Nothing fails on a slow or GPU-less machine.
 *
 *   node scripts/bench-browser.mjs [--quick] [--skip-build]
 *   node scripts/bench-browser.mjs --gpu [--gpu-steps N] [--gpu-models lenet300,conv2]
 *        only the WebGPU rows of `npm run bench -- --gpu` (bench.html?gpu=…)
 *   node scripts/bench-browser.mjs --preset lth-mnist-quick [--repeats N]
 *        the preset end to end on threaded WASM (every core), masked-dense then with the
 *        sparse kernels, N times alternating, in one browser: the page's before/after (issue #14)
 *   node scripts/bench-browser.mjs --sweep [--sweep-models lenet300,conv2] [--sweep-steps N --sweep-rounds R]
 *        step time against density on the page's threaded WASM, sparse route and masked-dense, with the
 *        calibration's dense figure: the source of SPARSE_STEP_COST (src/engine/experiment/sparseSpeed.ts)
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const gpu = process.argv.includes('--gpu');
const sweep = process.argv.includes('--sweep');
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const log = (...a) => console.error(...a);

const ARGS = [
  '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader',
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** --gpu: one page per row (model × lean/op-by-op step, src/bench/page/gpu.ts), each with the row time limit. */
function gpuPlan() {
  const steps = argValue('--gpu-steps', '20');
  const limit = Number(argValue('--gpu-timeout', '1800')) * 1000;
  // The page checks its adapter: on a software one (SwiftShader) it times the profiled step only.
  return argValue('--gpu-models', 'lenet300,conv2').split(',').flatMap((m) => ['lean', 'ops'].map((step) => [`gpu=${m}&step=${step}&steps=${steps}&rounds=3&warmup=1`, limit]));
}

/** --preset: off, auto, off, auto, … on every core (the page's default thread count). */
function presetPlan(cores, id) {
  const n = Number(argValue('--repeats', '1'));
  return Array.from({ length: n }, () => ['off', 'auto']).flat().map((sparse) => [`backend=wasm&threads=${cores}&preset=${id}&sparse=${sparse}`, 3_600_000]);
}

/** [query, timeout ms] per configuration. */
function plan(cores) {
  const wasm = quick ? 'steps=10&rounds=2' : 'steps=40&rounds=5';
  const gpu = quick ? 'steps=3&rounds=2&warmup=1' : 'steps=5&rounds=3&warmup=1';
  return [
    [`backend=wasm&threads=1&${wasm}`, 120_000],
    ...(cores > 1 ? [[`backend=wasm&threads=${cores}&${wasm}`, 45_000]] : []),
    [`backend=webgl&${wasm}`, 90_000],
    [`backend=webgpu&${gpu}`, 150_000],
  ];
}

/** Per model and density: ms per step on each route, and the default route's step against the dense (100 %, masked-dense) one. */
function logSweep(models) {
  for (const m of models) {
    const ms = (d, route) => m.points.find((p) => p.density === d && p.route === route)?.medianMs;
    const dense = ms(1, 'masked-dense');
    log(`  ${m.model}: calibration ${m.calibration.map((x) => x.toFixed(0)).join(' / ')} samples/s (before / after); dense step ${dense.toFixed(2)} ms`);
    for (const d of [...new Set(m.points.map((p) => p.density))]) {
      const auto = m.points.find((p) => p.density === d)?.autoSparseLayers.length ? ms(d, 'sparse') : ms(d, 'masked-dense');
      log(`    ${(d * 100).toFixed(0).padStart(3)} %: sparse ${ms(d, 'sparse').toFixed(2)} ms, masked-dense ${ms(d, 'masked-dense').toFixed(2)} ms; default route / dense step ${(auto / dense).toFixed(3)}`);
    }
  }
}

async function waitFor(url, server, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until && server.exitCode === null) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(3000) })).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function main() {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    log('bench-browser: no Chromium found (set CHROMIUM_PATH): browser half skipped');
    return;
  }
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // BENCH_DIST: another folder than dist/, so two benches (or a bench and an e2e run) can build side by side.
  const outDir = process.env.BENCH_DIST ?? 'dist';
  if (!process.argv.includes('--skip-build')) {
    const b = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) throw new Error('vite build failed');
  }
  const port = Number(process.env.BENCH_PORT ?? 4187);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], { cwd: root, stdio: 'ignore' });
  const stop = () => server.exitCode === null && server.kill('SIGTERM');
  process.on('exit', stop);
  try {
    if (!(await waitFor(`${base}/bench.html`, server))) throw new Error(`vite preview did not answer on ${base}`);
    const { chromium } = require('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ARGS });
    try {
      const cores = Number(process.env.BENCH_THREADS ?? 0) || (await (async () => {
        const p = await browser.newPage();
        await p.goto(`${base}/bench.html?backend=none`);
        const n = await p.evaluate(() => navigator.hardwareConcurrency);
        await p.close();
        return n;
      })());
      const presetId = argValue('--preset', '');
      const queue = gpu ? gpuPlan() : presetId ? presetPlan(cores, presetId) : sweep ? [[`backend=wasm&threads=${cores}&sweep=${argValue('--sweep-models', 'lenet300,conv2')}${argValue('--sweep-steps', '') ? `&steps=${argValue('--sweep-steps', '')}&rounds=${argValue('--sweep-rounds', '3')}` : ''}`, 1_800_000]] : plan(cores);
      const presetRuns = [];
      for (let i = 0; i < queue.length; i++) {
        const [query, timeout] = queue[i];
        const t0 = Date.now();
        const page = await browser.newPage();
        page.on('pageerror', (e) => log(`  page error (${query}): ${e.message}`));
        let res;
        try {
          await page.goto(`${base}/bench.html?${query}`);
          await page.waitForFunction(() => 'window' in globalThis && window.__bench, undefined, { timeout, polling: 500 });
          res = await page.evaluate(() => window.__bench);
        } catch (e) {
          res = { ok: false, requested: new URLSearchParams(query).get('backend'), timedOut: e.name === 'TimeoutError', error: `timed out or failed: ${e.message.split('\n')[0]}` };
        }
        await page.close();
        res.query = query;
        res.seconds = (Date.now() - t0) / 1000;
        if (res.preset) presetRuns.push({ ...res.preset, threads: res.config?.wasm?.threads });
        if (res.sweep) logSweep(res.sweep);
        const summary = res.sweep ? 'density sweep' : res.preset ? `${res.preset.seconds.toFixed(1)} s wall, ${res.preset.samplesPerSec.toFixed(0)} samples/s, ${res.config.wasm.threads} threads` : res.kind === 'gpu' ? res.rows.map((r) => `${r.model} ${r.step}: ${r.kernelsPerStep} kernels, ${r.msPerStep.toFixed(0)} ms/step`).join('; ') : res.ok ? res.config.timings.map((t) => `${t.variant} ${t.samplesPerSec.toFixed(0)}/s`).join(', ') : '';
        log(`  browser ${query}: ${res.ok ? summary : `unavailable (${res.error})`}  (${res.seconds.toFixed(0)} s${gpu ? '' : `, crossOriginIsolated ${res.crossOriginIsolated}`})`);
        console.log(JSON.stringify(res));
        // --gpu: a row past the limit at batch 60 is retried at a small batch (its kernel counts do not depend on the batch).
        const fallback = argValue('--gpu-fallback-batch', '');
        if (gpu && res.timedOut && fallback && !query.includes('&batch=')) queue.splice(i + 1, 0, [`${query}&batch=${fallback}`, timeout]);
      }
      if (gpu || sweep) return;
      if (presetId) {
        const best = (mode) => Math.min(...presetRuns.filter((r) => r.sparse === mode).map((r) => r.seconds));
        const same = presetRuns.every((r) => JSON.stringify(r.finalTestAcc) === JSON.stringify(presetRuns[0].finalTestAcc));
        log(`  ${presetId} in the page: masked-dense ${best('off').toFixed(1)} s, sparse kernels ${best('auto').toFixed(1)} s: ${(best('off') / best('auto')).toFixed(2)}x; accuracies ${same ? 'identical' : 'DIFFER'} across runs`);
        return;
      }
      // MNIST first visit (network) vs second visit (Cache Storage), in one browser context as a returning user.
      const context = await browser.newContext();
      const loads = [];
      for (let i = 0; i < 2; i++) {
        const page = await context.newPage();
        try {
          await page.goto(`${base}/bench.html?mnist=1`);
          await page.waitForFunction(() => window.__bench, undefined, { timeout: 60_000, polling: 100 });
          loads.push(await page.evaluate(() => window.__bench));
        } catch (e) {
          loads.push({ ok: false, error: e.message.split('\n')[0] });
        }
        await page.close();
      }
      await context.close();
      const mnist = { kind: 'mnist', first: loads[0].mnist, second: loads[1].mnist, error: loads.find((l) => !l.ok)?.error };
      log(`  MNIST load: first ${mnist.first?.ms.toFixed(0)} ms, second (cached ${mnist.second?.cachedFilesBefore} files) ${mnist.second?.ms.toFixed(0)} ms${mnist.error ? ` (${mnist.error})` : ''}`);
      console.log(JSON.stringify(mnist));
    } finally {
      await browser.close();
    }
  } finally {
    stop();
  }
}

main().then(() => process.exit(0), (e) => {
  log(e);
  process.exit(1);
});
