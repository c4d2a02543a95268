/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
// Registers the 'webgpu' factory, but only where navigator.gpu exists at import time.
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Vite copies the binaries into the build and gives us their URLs.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend, type BackendName } from '../engine/backend/select';
import { registerWasmConvGradients } from '../engine/backend/wasmConvGrads';
import { isSoftwareRenderer } from './softwareRenderer';
import type { AdapterInfo, BackendInfo } from './protocol';

let wasmConfigured = false;

/** Point the WASM backend at Vite's copies of its binaries (once, before init). */
function configureWasm(): void {
  if (wasmConfigured) return;
  wasmConfigured = true;
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
  registerWasmConvGradients();
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
  configureWasm();
  // Production mode: skips tfjs's per-op NaN checks and debug warnings.
  tf.env().set('PROD', true);
  const out: { adapter?: AdapterInfo } = {};
  const report = await selectBackend(order, (n) => describe(n, out));
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
