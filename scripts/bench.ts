/**
 * `npm run bench`: the Node half of the training-step benchmark (issue #7).
 *
 * Times the lab's LeNet-300-100 step (batch 60, Adam; plain / dense / 10 %
 * masked) on each Node configuration of tfjs, each in its own process (the
 * WASM thread pool is fixed at backend init), then the same masked step in
 * PyTorch on the CPU (scripts/bench_torch.py) in the same run, and writes
 * bench/results.json and bench/results.md. It prints figures; nothing fails
 * on a slow machine.
 *
 *   npm run bench                          # all configurations
 *   npm run bench -- --torch-blas DIR      # also run the PyTorch peer with the BLAS in DIR (LD_LIBRARY_PATH)
 *   npm run bench -- --quick               # fewer steps, for a smoke test
 *   npm run bench -- --node-only           # skip the browser half
 *   npm run bench -- --browser-only        # only the browser half; keeps the Node rows of bench/results.json
 *   npm run bench -- --no-e2e              # skip the end-to-end lth-mnist-quick runs (~3 min)
 *   npm run bench -- --gpu                 # the WebGPU rows instead (scripts/bench-gpu.ts): LeNet-300-100 and Conv-2
 *   npm run bench -- --gpu --gpu-row-limit 300   # give up a row after 300 s (default 600): "not measured"
 *
 * Issue #14 adds the density sweep (sparse kernels vs masked-dense vs the
 * PyTorch peers at 100…2 %, docs/sparse-density.svg) and the lth-mnist-quick
 * preset end to end with `--sparse off` and with the sparse kernels.
 *
 * The browser half (scripts/bench-browser.mjs) builds the app, serves it with
 * `vite preview` and times the same step in headless Chromium (bench.html):
 * WASM (1 thread, and all cores when cross-origin isolated), WebGL, WebGPU.
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchMarkdown, type BenchResults, type BrowserUnavailable, type ConfigResult, type TorchResult } from '../src/bench/report';
import type { PageBenchResult } from '../src/bench/page/main';
import { profileStep } from '../src/bench/profileStep';
import { timeSteps, type StepBenchOptions } from '../src/bench/stepTiming';
import { SWEEP_DENSITIES, type SweepPoint } from '../src/bench/densitySweep';
import { sweepChartSvg, sweepEngines, sweepMarkdown, type EndToEnd } from '../src/bench/sweepReport';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const PYTHON = '/usr/bin/python3'; // Debian's interpreter has torch; the pyenv python3 on PATH does not

interface ChildSpec { id: string; label: string; backend: 'wasm' | 'cpu'; threads: number; fastMatMul: boolean; profile: boolean; opts: Partial<StepBenchOptions>; sweep?: boolean }

const cpuClock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One configuration, in this (child) process: prints its ConfigResult as JSON on the last line. */
async function child(spec: ChildSpec): Promise<void> {
  const { useNodeBackend } = await import('../src/node/backend');
  let threadsError: string | undefined;
  if (spec.backend === 'wasm' && spec.threads > 1) {
    const { initNodeWasmThreads } = await import('../src/bench/node/wasmThreads');
    threadsError = (await initNodeWasmThreads(spec.threads, () => useNodeBackend('wasm'))).error;
  } else if (spec.backend === 'wasm' && !spec.fastMatMul) {
    // useNodeBackend now installs the engine's WASM kernel fixes; "stock" selects the backend without them.
    const { selectBackend } = await import('../src/engine/backend/select');
    tf.env().set('PROD', true);
    await selectBackend(['wasm']);
  } else {
    await useNodeBackend(spec.backend);
  }
  if (spec.sweep) {
    const { densitySweep } = await import('../src/bench/densitySweep');
    console.log(JSON.stringify(await densitySweep({ ...spec.opts, cpuClock })));
    return;
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (spec.backend === 'wasm' && spec.fastMatMul) (await import('../src/engine/backend/wasmFastMatMul')).registerWasmFastMatMul();
  const timings = await timeSteps(['plain', 'dense', 'masked'], { ...spec.opts, cpuClock });
  const profiles = spec.profile ? [await profileStep('dense', spec.opts), await profileStep('masked', spec.opts)] : [];
  const out: ConfigResult = {
    id: spec.id, label: spec.label, backend: tf.getBackend(), timings, profiles,
    wasm: tf.getBackend() === 'wasm'
      ? { threads: wasm.getThreadsCount(), simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')), multithread: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')), fastMatMul: spec.fastMatMul, ...(threadsError ? { threadsError } : {}) }
      : undefined,
  };
  console.log(JSON.stringify(out));
}

function runChild(spec: ChildSpec): ConfigResult {
  const t0 = performance.now();
  const text = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const res = JSON.parse(text.trim().split('\n').pop()!) as ConfigResult;
  console.error(`  ${spec.label}: ${res.timings.map((t) => `${t.variant} ${t.samplesPerSec.toFixed(0)}/s`).join(', ')}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return res;
}

/** The density sweep in a 1-thread WASM child (issue #14). */
function runSweep(opts: Partial<StepBenchOptions>): SweepPoint[] {
  const t0 = performance.now();
  const spec: ChildSpec = { id: 'sweep', label: 'density sweep', backend: 'wasm', threads: 1, fastMatMul: true, profile: false, opts, sweep: true };
  const text = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const sweep = JSON.parse(text.trim().split('\n').pop()!) as SweepPoint[];
  console.error(`  density sweep (WASM 1 thread): ${sweep.map((p) => `${p.route} ${p.density} ${p.samplesPerSec.toFixed(0)}/s`).join(', ')}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return sweep;
}

/** `npm run lab -- --preset P` in a child process, masked-dense and with the sparse kernels: whole-run wall time. */
function runEndToEnd(preset: string): EndToEnd {
  const runs: EndToEnd['runs'] = [];
  for (const mode of ['off', 'auto'] as const) {
    const out = join(ROOT, 'bench', 'tmp', `e2e-${mode}.json`);
    mkdirSync(dirname(out), { recursive: true });
    const t0 = performance.now();
    execFileSync(process.execPath, [...process.execArgv, join(ROOT, 'src/cli/main.ts'), '--preset', preset, '--sparse', mode, '--quiet', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    const seconds = (performance.now() - t0) / 1000;
    const res = JSON.parse(readFileSync(out, 'utf8')) as { rounds: { seconds: number; finalTestAcc: number }[] };
    runs.push({ mode, seconds, trainSeconds: res.rounds.reduce((a, r) => a + r.seconds, 0), finalTestAcc: res.rounds.map((r) => r.finalTestAcc) });
    console.error(`  ${preset} --sparse ${mode}: ${seconds.toFixed(1)} s wall`);
  }
  return { preset, runs };
}

function runTorch(label: string, ldPath: string | undefined, threads: number, quick: boolean): TorchResult {
  const args = [join(HERE, 'bench_torch.py'), '--threads', String(threads), ...(quick ? ['--steps', '10', '--repeats', '3'] : []),
    ...(threads === 1 ? ['--sweep', SWEEP_DENSITIES.join(',')] : [])];
  // OpenBLAS's pthread build runs its own pool whatever torch.set_num_threads says: cap it too.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), ...(ldPath ? { LD_LIBRARY_PATH: ldPath } : {}) };
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', env });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').pop() ?? `exit ${r.status}`;
    console.error(`  ${label}: not available (${why})`);
    return { label, available: false, error: why };
  }
  const res = { label, available: true, ...JSON.parse(r.stdout.trim().split('\n').pop()!) } as TorchResult;
  console.error(`  ${label}: ${Object.entries(res.runs ?? {}).map(([k, v]) => `${k} ${v.samplesPerSec.toFixed(0)}/s`).join(', ')}  (GEMM ${res.gemmGflops?.toFixed(1)} GFLOP/s, ${res.blasLibrary})`);
  return res;
}

/** Runs scripts/bench-browser.mjs and folds its JSON lines into config rows and unavailable notes. */
function runBrowser(quick: boolean): BenchResults['browser'] & { configs: ConfigResult[] } {
  const t0 = performance.now();
  console.error('Browser half: vite build, vite preview, headless Chromium (bench.html)');
  const r = spawnSync(process.execPath, [join(HERE, 'bench-browser.mjs'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as PageBenchResult & { query: string; kind?: string });
  const pages = lines.filter((l) => l.kind !== 'mnist');
  const m = lines.find((l) => l.kind === 'mnist') as unknown as { first?: { ms: number }; second?: { ms: number; cachedFilesBefore: number }; error?: string } | undefined;
  const mnist = m?.first && m.second ? { firstMs: m.first.ms, secondMs: m.second.ms, cachedFiles: m.second.cachedFilesBefore } : undefined;
  const configs: ConfigResult[] = [];
  const unavailable: BrowserUnavailable[] = [];
  for (const p of pages) {
    if (p.ok && p.config) configs.push({ ...p.config, browser: { crossOriginIsolated: p.crossOriginIsolated, userAgent: p.userAgent, numTensors: p.memory?.numTensors ?? NaN, ...(p.memory?.numBytesInGPU !== undefined ? { numBytesInGPU: p.memory.numBytesInGPU } : {}), ...(p.gpuBytesAfterRound ? { gpuBytesAfterRound: p.gpuBytesAfterRound } : {}) } });
    else unavailable.push({ requested: p.requested, query: p.query, error: p.error ?? 'unknown' });
  }
  if (r.status !== 0) unavailable.push({ requested: 'browser', query: '', error: `bench-browser.mjs exited ${r.status}` });
  const ua = pages.find((p) => p.userAgent)?.userAgent ?? '';
  return {
    createdAt: new Date().toISOString(), chromium: /Chrome\/[\d.]+/.exec(ua)?.[0] ?? 'Chromium',
    crossOriginIsolated: pages.some((p) => p.crossOriginIsolated), ...(mnist ? { mnist } : {}), seconds: (performance.now() - t0) / 1000, unavailable, configs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    child: { type: 'string' }, quick: { type: 'boolean' }, 'torch-blas': { type: 'string' }, out: { type: 'string' }, 'node-only': { type: 'boolean' }, 'browser-only': { type: 'boolean' }, 'no-e2e': { type: 'boolean' },
    gpu: { type: 'boolean' }, 'gpu-steps': { type: 'string' }, 'gpu-models': { type: 'string' }, 'gpu-row-limit': { type: 'string' },
  } });
  if (values.child) return child(JSON.parse(values.child) as ChildSpec);
  if (values.gpu) {
    const { runGpuBench } = await import('./bench-gpu');
    return runGpuBench({
      models: (values['gpu-models'] ?? 'lenet300,conv2').split(','), steps: Number(values['gpu-steps'] ?? (values.quick ? 5 : 20)),
      nodeOnly: Boolean(values['node-only']), browserOnly: Boolean(values['browser-only']), outDir: values.out ?? join(ROOT, 'bench'),
      rowLimitSeconds: Number(values['gpu-row-limit'] ?? 600),
    });
  }
  const quick = Boolean(values.quick);
  const outDir = values.out ?? join(ROOT, 'bench');
  if (values['browser-only']) {
    const file = join(outDir, 'results.json');
    if (!existsSync(file)) throw new Error(`--browser-only needs the Node rows in ${file}: run \`npm run bench -- --node-only\` first`);
    const prev = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    const { configs, ...browser } = runBrowser(quick);
    return write(outDir, { ...prev, configs: [...prev.configs.filter((c) => !c.browser), ...configs], browser });
  }
  const wasmOpts: Partial<StepBenchOptions> = quick ? { steps: 10, rounds: 2 } : { steps: 40, rounds: 6 };
  const cpuOpts: Partial<StepBenchOptions> = quick ? { steps: 2, rounds: 2, warmupSteps: 1 } : { steps: 5, rounds: 3, warmupSteps: 1 };
  const loadStart = os.loadavg();
  const t0 = performance.now();
  console.error(`LeNet-300-100, batch 60, Adam; ${os.cpus().length} × ${os.cpus()[0]?.model}; load average ${loadStart.map((x) => x.toFixed(1)).join(' ')}`);

  // The PyTorch peer runs first and last, so a change in machine load between them shows up in the results.
  const torch: TorchResult[] = [runTorch('PyTorch CPU (system BLAS), 1 thread', undefined, 1, quick)];
  const configs: ConfigResult[] = [
    runChild({ id: 'wasm-1t', label: 'tfjs WASM, 1 thread, transposed-matmul fix', backend: 'wasm', threads: 1, fastMatMul: true, profile: true, opts: wasmOpts }),
    runChild({ id: 'wasm-2t', label: 'tfjs WASM, 2 threads (Node workaround), transposed-matmul fix', backend: 'wasm', threads: 2, fastMatMul: true, profile: false, opts: wasmOpts }),
    runChild({ id: 'wasm-1t-stock', label: 'tfjs WASM, 1 thread, stock kernels (tfjs-backend-wasm as shipped)', backend: 'wasm', threads: 1, fastMatMul: false, profile: true, opts: wasmOpts }),
    runChild({ id: 'cpu', label: 'tfjs CPU (pure JS)', backend: 'cpu', threads: 1, fastMatMul: false, profile: false, opts: cpuOpts }),
  ];
  torch.push(runTorch('PyTorch CPU (system BLAS), 2 threads', undefined, 2, quick));
  const blas = values['torch-blas'];
  if (blas) {
    if (!existsSync(blas)) console.error(`  --torch-blas ${blas}: no such folder`);
    else for (const th of [1, 2]) torch.push(runTorch(`PyTorch CPU (${blas.split('/').filter(Boolean).pop()}), ${th} thread${th > 1 ? 's' : ''}`, blas, th, quick));
  }
  const sweep = runSweep(wasmOpts);
  const e2e = quick || values['no-e2e'] ? undefined : runEndToEnd('lth-mnist-quick');

  const results: BenchResults = {
    schema: 'sparse-lab/bench@1', createdAt: new Date().toISOString(), quick,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, tfjs: tf.version.tfjs, loadAvgStart: loadStart, loadAvgEnd: os.loadavg() },
    seconds: (performance.now() - t0) / 1000, configs, torch, sweep, ...(e2e ? { e2e } : {}),
  };
  if (!values['node-only']) {
    const { configs: rows, ...browser } = runBrowser(quick);
    results.configs.push(...rows);
    results.browser = browser;
  }
  write(outDir, results);
}

function write(outDir: string, results: BenchResults): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  let md = benchMarkdown(results);
  if (results.sweep) {
    md += '\n' + sweepMarkdown(results.sweep, results.torch, results.e2e) + '\n';
    const svg = sweepChartSvg(sweepEngines(results.sweep, results.torch), 'LeNet-300-100 training step, batch 60, Adam, 1 thread');
    writeFileSync(join(outDir === join(ROOT, 'bench') ? join(ROOT, 'docs') : outDir, 'sparse-density.svg'), svg);
  }
  writeFileSync(join(outDir, 'results.md'), md);
  console.log(md);
}

main().then(
  () => process.exit(0), // the WASM pthread pool would otherwise keep a child alive
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
