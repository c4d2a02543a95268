/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
// Vite copies the binaries into the build and gives us their URLs.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend, type BackendName, type BackendReport } from '../engine/backend/select';
import { isSoftwareRenderer } from './softwareRenderer';
import type { AdapterInfo, BackendInfo } from './protocol';

let wasmConfigured = false;

/**
 * Backends are separate chunks, loaded only when tried: the webgpu module when
 * WebGPU is tried (it registers its factory only where navigator.gpu exists at
 * import time), the wasm module and the engine's WASM kernels when WASM is.
 */
async function loadBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (name === 'wasm') await configureWasm();
}

/** Point the WASM backend at Vite's copies of its binaries (once, before init). */
async function configureWasm(): Promise<void> {
  if (wasmConfigured) return;
  wasmConfigured = true;
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  // Single-threaded SIMD on purpose. The threaded build starts its pthreads
  // from the *source text* of its factory function, and once Vite bundles that
  // CommonJS module the text refers to wrapper variables that do not exist in
  // the thread ("ReferenceError: e is not defined"). One thread also leaves
  // the page a core of its own on a 2-core laptop.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // tfjs-backend-wasm lacks Conv2DBackpropFilter; the engine supplies it.
  (await import('../engine/backend/wasmConvGrads')).registerWasmConvGradients();
}

export async function describeAdapter(): Promise<AdapterInfo | undefined> {
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
      return { detail: 'WebAssembly (SIMD)', software: false };
    case 'cpu':
      return { detail: 'plain JavaScript (slowest)', software: true };
  }
}

/**
 * Activates the first working backend of `order` (the engine checks
 * setBackend's boolean and runs a probe op) and describes it. `onDeviceLost`
 * fires if a WebGPU device goes away later (driver reset, GPU process crash).
 */
export async function startBackend(order: BackendName[], onDeviceLost: (message: string) => void): Promise<BackendInfo> {
  // Production mode: skips tfjs's per-op NaN checks and debug warnings.
  tf.env().set('PROD', true);
  const out: { adapter?: AdapterInfo } = {};
  // One candidate at a time, so each backend's chunk loads only when it is tried.
  const rejected: BackendReport['rejected'] = [];
  let report: BackendReport | undefined;
  for (const name of order) {
    try {
      await loadBackend(name);
      const r = await selectBackend([name], (n) => describe(n, out));
      report = { ...r, rejected: [...rejected, ...r.rejected] };
      break;
    } catch (e) {
      const prefix = `No TensorFlow.js backend works here: ${name}: `;
      const msg = (e as Error).message;
      rejected.push({ name, reason: msg.startsWith(prefix) ? msg.slice(prefix.length) : msg });
    }
  }
  if (!report) throw new Error(`No TensorFlow.js backend works here: ${rejected.map((r) => `${r.name}: ${r.reason}`).join('; ')}`);
  if (report.name === 'webgpu') {
    const device = (tf.backend() as WebGPUBackend).device;
    void device.lost.then((info) => onDeviceLost(info.message || `reason: ${info.reason}`));
  }
  return {
    ...report,
    ...(report.name === 'webgpu' && out.adapter ? { adapter: out.adapter } : {}),
  };
}

/** Test hook: make the WebGPU device go away exactly as a lost device would. */
export function loseDevice(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  (tf.backend() as WebGPUBackend).device.destroy();
  return true;
}
