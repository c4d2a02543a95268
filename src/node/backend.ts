import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { selectBackend, type BackendName, type BackendReport } from '../engine/backend/select';
import { registerWasmConvGradients } from '../engine/backend/wasmConvGrads';
import { enableSparseWasm } from '../engine/sparse/enable';
import { NODE_BACKENDS } from './backendChoices';

/**
 * Node has no GPU backend here (tfjs-node needs a native download), so the
 * CLI and tests use WASM (XNNPACK) and fall back to the pure-JS CPU backend.
 */
export async function useNodeBackend(preferred?: BackendName): Promise<BackendReport> {
  // Production mode: skips tfjs's per-op debug checks and its "install tfjs-node" banner.
  tf.env().set('PROD', true);
  // tfjs-backend-wasm has no conv filter gradient: without this, conv nets cannot train on WASM.
  registerWasmConvGradients();
  // Pruned fully-connected layers train on sparse SIMD kernels (src/engine/sparse/).
  await enableSparseWasm();
  const all = NODE_BACKENDS as BackendName[];
  const order: BackendName[] = preferred ? [preferred, ...all.filter((b) => b !== preferred)] : [...all];
  return selectBackend(order);
}
