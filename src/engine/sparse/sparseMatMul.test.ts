import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { Rng } from '../util/rng';
import { SparseLayout } from './layout';
import { registerLayout, registerSparseMatMul, sparseMatMul, unregisterLayout } from './sparseMatMul';
import { loadSparseKernels, type SparseKernelExports } from './wasmModule';

let k: SparseKernelExports;

beforeAll(async () => {
  await useNodeBackend('wasm');
  k = (await loadSparseKernels())!;
  registerSparseMatMul();
});

function randomArray(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
}

function maxRelErr(a: Float32Array, b: Float32Array): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    err = Math.max(err, Math.abs(a[i] - b[i]));
  }
  return err / Math.max(scale, 1e-30);
}

describe('sparse matmul kernels (wasm)', () => {
  // Batch sizes cover the SIMD main loop (16), the 4-wide tail and the padding of a ragged batch.
  it.each([[60, 37, 23, 0.1], [5, 8, 10, 0.5], [33, 100, 10, 0.02], [16, 12, 7, 0]])(
    'batch %i, %i→%i at density %f: forward, input and weight gradients match W⊙M dense', (batch, rows, cols, density) => {
      const rng = new Rng(batch * 1000 + rows);
      const mask = Uint8Array.from({ length: rows * cols }, () => (rng.next() < density ? 1 : 0));
      const w = randomArray(rows * cols, rng).map((v, i) => v * mask[i]);
      const xv = randomArray(batch * rows, rng);
      const dyv = randomArray(batch * cols, rng);
      const layout = new SparseLayout(k, mask, rows, cols);
      const id = registerLayout(layout);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.tensor2d(xv, [batch, rows]);
        const dy = tf.tensor2d(dyv, [batch, cols]);
        const W = tf.tensor2d(w, [rows, cols]);
        const values = tf.tensor1d(layout.gather(w));
        const sparse = tf.grads((a: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(sparseMatMul(a as tf.Tensor2D, v, id), dy)));
        const dense = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), dy)));
        const [sdx, sdv] = sparse([x, values]);
        const [ddx, ddw] = dense([x, W]);
        expect(maxRelErr(sparseMatMul(x, values, id).dataSync() as Float32Array, tf.matMul(x, W).dataSync() as Float32Array)).toBeLessThan(1e-5);
        expect(maxRelErr(sdx.dataSync() as Float32Array, ddx.dataSync() as Float32Array)).toBeLessThan(1e-5);
        expect(maxRelErr(sdv.dataSync() as Float32Array, layout.gather(ddw.dataSync() as Float32Array))).toBeLessThan(1e-5);
        expect(sdv.shape).toEqual([layout.nnz]);
      });
      expect(tf.memory().numTensors).toBe(before);
      unregisterLayout(id);
      layout.dispose();
    });

  it('transposes with padding: every element lands where it should', () => {
    const [rows, cols, ld] = [7, 9, 8];
    const src = k.alloc(4 * rows * cols);
    const dst = k.alloc(4 * cols * ld);
    const view = new Float32Array(k.memory.buffer, src, rows * cols);
    view.forEach((_, i) => (view[i] = i + 1));
    k.transpose(src, cols, dst, ld, rows, cols);
    const out = new Float32Array(k.memory.buffer, dst, cols * ld);
    for (let c = 0; c < cols; c++) {
      for (let r = 0; r < ld; r++) expect(out[c * ld + r]).toBe(r < rows ? r * cols + c + 1 : 0);
    }
    k.release(src);
    k.release(dst);
  });
});
