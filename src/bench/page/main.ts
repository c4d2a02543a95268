/**
 * bench.html: the in-browser half of `npm run bench` (issue #7). One backend
 * per page load (the WASM thread pool is fixed at init), chosen by
 * ?backend=wasm|webgl|webgpu&threads=N&steps=&rounds=. Times the same
 * LeNet-300-100 step as the Node driver (src/bench/stepTiming.ts) and leaves a
 * PageBenchResult in window.__bench for scripts/bench-browser.mjs.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConfigResult } from '../report';
import { timeSteps, type StepBenchOptions } from '../stepTiming';
import { SPARSE_BELOW_DENSITY } from '../../engine';

export interface PageBenchResult {
  ok: boolean;
  requested: string;
  error?: string;
  crossOriginIsolated: boolean;
  userAgent: string;
  config?: ConfigResult;
  /** tf.memory() after all rounds. */
  memory?: { numTensors: number; numBytes: number; numBytesInGPU?: number };
  gpuBytesAfterRound?: number[];
  /** ?preset=ID&sparse=off|auto: the preset end to end (src/bench/page/presetRun.ts). */
  preset?: import('./presetRun').PresetRunResult;
  /** ?mnist=1: milliseconds from nothing to a parsed MNIST, and how many files Cache Storage held before. */
  mnist?: { ms: number; cachedFilesBefore: number; trainImages: number };
  /** ?sweep=lenet300,conv2: step time against density on this backend, with the calibration's dense figure (./sweep.ts). */
  sweep?: import('./sweep').SweepPageResult[];
}

const q = new URLSearchParams(location.search);
const requested = q.get('backend') ?? 'wasm';
const threads = Number(q.get('threads') ?? (crossOriginIsolated ? navigator.hardwareConcurrency : 1));
const num = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);

async function init(): Promise<{ label: string; wasm?: ConfigResult['wasm'] }> {
  tf.env().set('PROD', true);
  if (requested === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const [plain, simd, threaded] = await Promise.all([
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
    ]);
    wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': plain.default, 'tfjs-backend-wasm-simd.wasm': simd.default, 'tfjs-backend-wasm-threaded-simd.wasm': threaded.default });
    const mt = threads > 1 && crossOriginIsolated;
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', mt);
    // The page's own pthread fix and core count (src/worker/wasmThreads.ts), as the trainer worker does.
    const { prepareWasmThreads, reportCoresForInit } = await import('../../worker/wasmThreads');
    if (mt) {
      prepareWasmThreads();
      wasm.setThreadsCount(threads);
    }
    const restore = reportCoresForInit(mt ? threads : 1);
    try {
      if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
    } finally {
      restore();
    }
    (await import('../../engine/backend/wasmFastMatMul')).registerWasmFastMatMul();
    await (await import('../../engine/sparse/enable')).enableSparseWasm();
    // As the trainer worker: tfjs-backend-wasm lacks Conv2DBackpropFilter (conv nets' steps need it).
    (await import('../../engine/backend/wasmConvGrads')).registerWasmConvGradients();
    const n = wasm.getThreadsCount();
    return {
      label: `browser tfjs WASM, ${n} thread${n > 1 ? 's' : ''}, transposed-matmul fix, sparse kernels below ${SPARSE_BELOW_DENSITY * 100} % density`,
      wasm: { threads: n, simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')), multithread: mt, fastMatMul: true },
    };
  }
  if (requested === 'webgpu') {
    if (!('gpu' in navigator) || !(await navigator.gpu.requestAdapter())) throw new Error('no WebGPU adapter');
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend failed to initialise');
    return { label: 'browser tfjs WebGPU' };
  }
  if (requested === 'webgl') {
    if (!(await tf.setBackend('webgl'))) throw new Error('webgl backend failed to initialise (no GPU context)');
    return { label: 'browser tfjs WebGL' };
  }
  throw new Error(`unknown backend ${requested}`);
}

async function main(): Promise<PageBenchResult> {
  const base: PageBenchResult = { ok: false, requested, crossOriginIsolated, userAgent: navigator.userAgent };
  try {
    const { label, wasm } = await init();
    const opts: Partial<StepBenchOptions> = {
      ...(num('steps') ? { steps: num('steps') } : {}),
      ...(num('rounds') ? { rounds: num('rounds') } : {}),
      ...(num('warmup') ? { warmupSteps: num('warmup') } : {}),
    };
    const gpuBytesAfterRound: number[] = [];
    const timings = await timeSteps(['plain', 'dense', 'masked'], opts, () => {
      const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      if (m.numBytesInGPU !== undefined) gpuBytesAfterRound.push(m.numBytesInGPU);
    });
    const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
    const id = `browser-${requested}${wasm ? `-${wasm.threads}t` : ''}`;
    return {
      ...base, ok: true,
      config: { id, label, backend: tf.getBackend(), timings, profiles: [], ...(wasm ? { wasm } : {}) },
      memory: { numTensors: m.numTensors, numBytes: m.numBytes, ...(m.numBytesInGPU !== undefined ? { numBytesInGPU: m.numBytesInGPU } : {}) },
      ...(gpuBytesAfterRound.length ? { gpuBytesAfterRound } : {}),
    };
  } catch (e) {
    return { ...base, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The threaded WASM build starts its pthreads from the source text of its
 * bundled factory, which can refer to names only the bundle has ("e is not
 * defined"): setBackend then never settles. Report that at once instead.
 */
function threadFailure(): Promise<PageBenchResult> {
  return new Promise((resolve) => {
    if (requested !== 'wasm' || threads <= 1 || q.has('mnist')) return;
    addEventListener('error', (e) => resolve({ ok: false, requested, crossOriginIsolated, userAgent: navigator.userAgent, error: `threaded WASM could not start its pthread workers in this bundle (${/not defined/.test(e.message) ? e.message.replace(/^Uncaught /, '') : "'e is not defined' in the workers"}): the threaded factory is run from its source text, which refers to bundler names` }), { once: true });
  });
}

/** ?mnist=1: time loading MNIST as the trainer worker does (Cache Storage keyed by the manifest sha256, gunzip, parse). */
async function mnistLoad(): Promise<PageBenchResult> {
  const base: PageBenchResult = { ok: false, requested: 'mnist', crossOriginIsolated, userAgent: navigator.userAgent };
  try {
    const [{ cachedDataFetch }, { fetchReader }, { loadDataset }] = await Promise.all([
      import('../../worker/dataCache'), import('../../worker/fetchReader'), import('../../engine/data/registry'),
    ]);
    const cachedBefore = typeof caches !== 'undefined' ? (await (await caches.open('sparse-lab-data-v1')).keys()).length : 0;
    const t0 = performance.now();
    const ds = await loadDataset('mnist', fetchReader(import.meta.env.BASE_URL, cachedDataFetch()));
    const ms = performance.now() - t0;
    return { ...base, ok: true, mnist: { ms, cachedFilesBefore: cachedBefore, trainImages: ds.train.n } };
  } catch (e) {
    return { ...base, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The backend as main() brings it up, then one job on it: `preset` (?preset=ID, the preset end to end) or
 * `sweep` (?sweep=MODELS, the density sweep per model); its result goes in the row under that name.
 */
async function afterInit<K extends 'preset' | 'sweep'>(kind: K, run: () => Promise<NonNullable<PageBenchResult[K]>>): Promise<PageBenchResult> {
  const base: PageBenchResult = { ok: false, requested, crossOriginIsolated, userAgent: navigator.userAgent };
  try {
    const { label, wasm } = await init();
    const result = await run();
    return { ...base, ok: true, [kind]: result, config: { id: `browser-${requested}-${kind}`, label, backend: tf.getBackend(), timings: [], profiles: [], ...(wasm ? { wasm } : {}) } };
  } catch (e) {
    return { ...base, error: e instanceof Error ? e.message : String(e) };
  }
}

const presetPage = () => afterInit('preset', async () => (await import('./presetRun')).presetRun(q));
const sweepPage = () => afterInit('sweep', async () => (await import('./sweep')).sweepPage(q));

// ?gpu=lenet300,conv2: the GPU rows (kernels, dispatches, ms per step, lean and op by op).
const job = q.has('gpu') ? import('./gpu').then((m) => m.gpuPage(q)) : q.has('mnist') ? mnistLoad() : q.has('preset') ? presetPage() : q.has('sweep') ? sweepPage() : main();
void Promise.race([job, threadFailure()]).then((r) => {
  (window as unknown as { __bench: unknown }).__bench = r;
  document.getElementById('out')!.textContent = JSON.stringify(r, null, 1);
});
