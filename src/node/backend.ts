import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { selectBackend, type BackendName, type BackendReport } from '../engine';
import { registerWasmConvGradients } from '../engine/backend/wasmConvGrads';
import { enableSparseWasm } from '../engine/sparse/enable';
import { NODE_DEFAULT_ORDER, type NodeBackendName } from './backendChoices';

export type { NodeBackendName } from './backendChoices';

/**
 * Activates the Node backend. Without a preference: WASM, then CPU. WebGPU
 * runs only when asked for (`--backend webgpu`), and then either runs or
 * fails with a message naming what is missing: a run that silently fell back
 * to the CPU would report CPU figures as GPU ones.
 */
export async function useNodeBackend(preferred?: NodeBackendName): Promise<BackendReport> {
  // Production mode: skips tfjs's per-op debug checks and its "install tfjs-node" banner.
  tf.env().set('PROD', true);
  if (preferred === 'webgpu') return useNodeWebGPU();
  // tfjs-backend-wasm has no conv filter gradient: without this, conv nets cannot train on WASM.
  registerWasmConvGradients();
  // Pruned fully-connected layers train on sparse SIMD kernels (src/engine/sparse/).
  await enableSparseWasm();
  const all = NODE_DEFAULT_ORDER as BackendName[];
  const order: BackendName[] = preferred ? [preferred, ...all.filter((b) => b !== preferred)] : [...all];
  return selectBackend(order);
}

async function useNodeWebGPU(): Promise<BackendReport> {
  const { installNodeWebGPU } = await import('./webgpu');
  const found = await installNodeWebGPU();
  if (!found.ok) throw new Error(`--backend webgpu: ${found.reason}.`);
  const { registerWebGPUKernels } = await import('../engine/backend/webgpu/register');
  registerWebGPUKernels();
  const { adapter } = found;
  return selectBackend(['webgpu'], async () => ({ detail: adapter.software ? `${adapter.label}, software — slow` : adapter.label, software: adapter.software }));
}

/** One line for logs: "webgpu (nvidia · ampere · NVIDIA A100)", "wasm". */
export function backendLine(r: BackendReport): string {
  return r.name === 'webgpu' ? `${r.name} (${r.detail})` : r.name;
}
