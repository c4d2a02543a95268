/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
// Vite copies the binaries into the build and gives us their URLs.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { calibrateChain, measureTrainingStep, modelClassOf, selectBackend, getModel, calibrationKey, parseCalibration, type Calibration, type CandidateMeasure, type BackendName, type BackendReport } from '../engine';
import { isSoftwareRenderer } from './softwareRenderer';
import { prepareWasmThreads, reportCoresForInit, type WasmThreading } from './wasmThreads';
import type { AdapterInfo, BackendInfo, ToWorker } from './protocol';

type InitCommand = Extract<ToWorker, { type: 'init' }>;

let wasmConfigured = false;
let wasmThreading: WasmThreading = { threads: 1 };
let sparseError: string | null = null;
/** tfjs-backend-wasm's getThreadsCount, once its chunk is loaded. */
let wasmThreadsRunning: (() => number) | null = null;

/**
 * Backends are separate chunks, loaded only when tried: the webgpu module when
 * WebGPU is tried (it registers its factory only where navigator.gpu exists at
 * import time), the wasm module and the engine's WASM kernels when WASM is.
 */
async function loadBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
    // The lean step: fused optimizer update, layers and loss as the engine's own WebGPU kernels.
    (await import('../engine/backend/webgpu/register')).registerWebGPUKernels();
  }
  if (name === 'wasm') await configureWasm();
}

/** Point the WASM backend at Vite's copies of its binaries (once, before init). */
async function configureWasm(): Promise<void> {
  if (wasmConfigured) return;
  wasmConfigured = true;
  const { setWasmPaths, setThreadsCount, getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  wasmThreadsRunning = getThreadsCount;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  // Threads when the page is cross-origin isolated (the pthread start-up needs a fix once bundled: wasmThreads.ts).
  wasmThreading = prepareWasmThreads();
  // tfjs would start hardwareConcurrency / 2 threads (it assumes hyper-threads): one on a 2-core machine.
  if (wasmThreading.threads > 1) setThreadsCount(wasmThreading.threads);
  else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // Pruned fully-connected layers train on the sparse SIMD kernels (src/engine/sparse/).
  sparseError = await (await import('../engine/sparse/enable')).enableSparseWasm();
  // tfjs-backend-wasm lacks Conv2DBackpropFilter; the engine supplies it.
  (await import('../engine/backend/wasmConvGrads')).registerWasmConvGradients();
}

async function describeAdapter(): Promise<AdapterInfo | undefined> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return undefined;
  // `adapter.info` is current; `requestAdapterInfo()` is what Chrome < 127 had.
  const legacy = adapter as GPUAdapter & { info?: GPUAdapterInfo; isFallbackAdapter?: boolean };
  const info = legacy.info ?? (await adapter.requestAdapterInfo());
  const fields = { vendor: info.vendor, architecture: info.architecture, description: info.description, device: info.device };
  const fallback = Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? legacy.isFallbackAdapter);
  return { ...fields, software: fallback || isSoftwareRenderer(Object.values(fields).join(' ')) };
}

function webglRenderer(): string {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    return '';
  }
}

async function describe(name: BackendName, adapterOut: { adapter?: AdapterInfo }): Promise<{ detail: string; software: boolean }> {
  switch (name) {
    case 'webgpu': {
      const a = await describeAdapter();
      adapterOut.adapter = a;
      const label = a ? [a.vendor, a.architecture, a.description].filter(Boolean).join(' · ') : 'unknown adapter';
      return { detail: label || 'WebGPU adapter', software: a?.software ?? false };
    }
    case 'webgl': {
      const renderer = webglRenderer();
      return { detail: renderer || 'WebGL', software: isSoftwareRenderer(renderer) };
    }
    case 'wasm':
      return { detail: wasmDetail(), software: false };
    case 'cpu':
      return { detail: 'plain JavaScript (slowest)', software: true };
  }
}

/** One candidate: load its chunk, initialise it, check a test op, describe it. Throws with the reason it cannot work. */
async function activate(name: BackendName, out: { adapter?: AdapterInfo }): Promise<BackendReport> {
  try {
    await loadBackend(name);
    const restore = name === 'wasm' ? reportCoresForInit(wasmThreading.threads) : () => {};
    try {
      return await selectBackend([name], (n) => describe(n, out));
    } finally {
      restore();
    }
  } catch (e) {
    const prefix = `No TensorFlow.js backend works here: ${name}: `;
    const msg = (e as Error).message;
    throw new Error(msg.startsWith(prefix) ? msg.slice(prefix.length) : msg, { cause: e });
  }
}

/** The first working backend of `order`, one candidate at a time, so each chunk loads only when tried. */
async function firstWorking(order: readonly BackendName[], out: { adapter?: AdapterInfo }): Promise<BackendReport> {
  const rejected: BackendReport['rejected'] = [];
  for (const name of order) {
    try {
      const r = await activate(name, out);
      return { ...r, rejected };
    } catch (e) {
      rejected.push({ name, reason: (e as Error).message });
    }
  }
  throw new Error(`No TensorFlow.js backend works here: ${rejected.map((r) => `${r.name}: ${r.reason}`).join('; ')}`);
}

/** Tells a software GPU adapter apart before starting its backend (which would compile every kernel). */
async function softwareHint(name: BackendName): Promise<{ software: boolean; detail: string } | null> {
  if (name === 'webgpu') {
    const a = await describeAdapter();
    return a ? { software: a.software, detail: [a.vendor, a.architecture, a.description].filter(Boolean).join(' · ') } : null;
  }
  if (name !== 'webgl' || typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    return { software: isSoftwareRenderer(renderer), detail: renderer || 'WebGL' };
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/** What the candidates run on: a calibration measured here is valid for later visits on the same device. */
async function deviceKey(): Promise<string> {
  const a = await describeAdapter().catch(() => undefined);
  const gpu = a ? [a.vendor, a.architecture, a.description, a.device].filter(Boolean).join(' ') || 'gpu' : 'no-webgpu';
  return `${gpu} · ${navigator.hardwareConcurrency ?? '?'} threads`;
}

/** "WebAssembly (SIMD, 2 threads, sparse kernels)", or the single-thread fallback with its reason. */
function wasmDetail(): string {
  const running = wasmThreadsRunning?.() ?? 1;
  const threads = running > 1 ? `${running} threads` : `1 thread${wasmThreading.reason ? ` — ${wasmThreading.reason}` : ''}`;
  return `WebAssembly (SIMD, ${threads}${sparseError ? '' : ', sparse kernels'})`;
}

/**
 * Brings up the backend an init command asks for. 'manual': the first
 * working one of the order, with its own speed measured for the job-size
 * estimate. 'auto': the winner a cached calibration names for this device and
 * model class if it still works, else the fastest of a fresh calibration.
 * `onDeviceLost` fires if a WebGPU device goes away later.
 */
export async function startBackend(init: InitCommand, onDeviceLost: (message: string) => void): Promise<BackendInfo> {
  // Production mode: skips tfjs's per-op NaN checks and debug warnings.
  tf.env().set('PROD', true);
  const out: { adapter?: AdapterInfo } = {};
  const info = await chooseBackend(init, out);
  if (info.name === 'webgpu') {
    const device = (tf.backend() as WebGPUBackend).device;
    void device.lost.then((i) => onDeviceLost(i.message || `reason: ${i.reason}`));
  }
  return {
    ...info,
    ...(info.name === 'webgpu' && out.adapter ? { adapter: out.adapter } : {}),
    // The job-size estimate prices pruned rounds on the sparse kernels only where they run.
    ...(info.name === 'wasm' ? { sparseKernels: sparseError === null } : {}),
  };
}

async function chooseBackend(init: InitCommand, out: { adapter?: AdapterInfo }): Promise<BackendInfo> {
  const spec = init.calibrate;
  if (!spec) return { ...(await firstWorking(init.backends, out)), choice: init.mode === 'manual' ? 'manual' : 'fallback' };
  const model = getModel(spec.model, spec.inputShape, spec.numClasses);
  const modelClass = modelClassOf(model);
  const key = await deviceKey();
  const calibration = (chosen: BackendName, candidates: CandidateMeasure[]): Calibration => ({
    modelClass, model: spec.model, batch: spec.batch, deviceKey: key, candidates, chosen, at: Date.now(),
  });
  const measureHere = () => measureTrainingStep(model, spec.batch);
  if (init.mode === 'manual') {
    const r = await firstWorking(init.backends, out);
    const m = await measureHere().catch((e: Error) => ({ samplesPerSec: 0, steps: 0, error: e.message }));
    return { ...r, choice: 'manual', calibration: calibration(r.name, [{ name: r.name, detail: r.detail, software: r.software, ...m }]) };
  }
  const cached = parseCalibration(init.cache?.[calibrationKey(key, modelClass)]);
  if (cached && init.backends.includes(cached.chosen)) {
    const r = await firstWorking([cached.chosen, ...init.backends.filter((b) => b !== cached.chosen)], out);
    if (r.name === cached.chosen) return { ...r, choice: 'cached', calibration: cached };
    // The cached winner no longer works: measure again.
  }
  const t0 = performance.now();
  const result = await calibrateChain(init.backends, { activate: (n) => activate(n, out), measure: measureHere, softwareHint });
  const chosen = result.chosen;
  const measured = result.candidates.length > 0;
  return {
    name: chosen.name, detail: chosen.detail, software: chosen.software, rejected: result.rejected,
    choice: measured ? 'measured' : 'fallback',
    ...(measured ? { calibration: { ...calibration(chosen.name, result.candidates), tookMs: Math.round(performance.now() - t0) } } : {}),
  };
}

/** Test hook: make the WebGPU device go away exactly as a lost device would. */
export function loseDevice(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  (tf.backend() as WebGPUBackend).device.destroy();
  return true;
}
