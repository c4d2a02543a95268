import { registerSparseMatMul } from './sparseMatMul';
import { loadSparseKernels, sparseKernelError } from './wasmModule';

/**
 * Loads the sparse kernels and registers them on the 'wasm' backend; after
 * this, SparseNets on WASM run pruned layers sparse. Resolves null on success
 * or the reason they are unavailable (the masked-dense route then serves).
 */
export async function enableSparseWasm(): Promise<string | null> {
  const k = await loadSparseKernels();
  if (k) registerSparseMatMul();
  return sparseKernelError();
}
