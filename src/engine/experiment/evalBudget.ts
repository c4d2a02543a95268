import type { ModelSpec } from '../models/types';

/**
 * Bytes of activations one evaluation chunk may hold at once, per backend.
 * A forward pass inside tf.tidy keeps every layer's output until it returns,
 * so a chunk of B images holds B × (bytes per image). On WASM the heap grows
 * to the largest chunk ever seen and never shrinks (WebAssembly memory only
 * grows): 1,000 CIFAR images through Conv-6 took it to 2.9 GB. 160 MB of
 * activations keeps Conv-2/4/6 evaluation under 800 MB at the same speed
 * (WASM's throughput is flat from ~100 images a chunk upwards). GPUs get a
 * little more room: their buffers are pooled and released after evaluation.
 */
export const EVAL_MEMORY_BUDGET: Readonly<Record<string, number>> = {
  wasm: 160e6,
  cpu: 160e6,
  webgl: 256e6,
  webgpu: 256e6,
};
const DEFAULT_BUDGET = 160e6;
/** Never more than this many images a chunk, however small the model. */
export const MAX_EVAL_CHUNK = 1000;

/**
 * Work one evaluation chunk may hold, in floating-point operations: about a
 * quarter of a second on a slow device of each kind (WASM: ~16 GFLOP/s on two
 * cores; tfjs's plain-JS CPU backend: ~1), so the run control is consulted
 * several times a second. A fixed function of model and backend, never of the
 * measured speed: the chunking (and with it the float rounding of the summed
 * loss) must not vary from run to run, or curves would not reproduce exactly.
 */
export const EVAL_CHUNK_FLOPS: Readonly<Record<string, number>> = {
  wasm: 4e9,
  cpu: 0.25e9,
  webgl: 10e9,
  webgpu: 20e9,
};

/** Images per evaluation chunk for this model on this backend: within both the memory and the time budget. */
export function evalChunkSize(model: Pick<ModelSpec, 'forwardFlops'>, bytesPerExample: number, backend: string): number {
  const byMemory = Math.floor((EVAL_MEMORY_BUDGET[backend] ?? DEFAULT_BUDGET) / Math.max(1, bytesPerExample));
  const byTime = Math.floor((EVAL_CHUNK_FLOPS[backend] ?? EVAL_CHUNK_FLOPS.cpu) / Math.max(1, model.forwardFlops));
  return Math.max(1, Math.min(MAX_EVAL_CHUNK, byMemory, byTime));
}
