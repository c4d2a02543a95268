import * as tf from '@tensorflow/tfjs';
import { normalisationTables, writeExample } from '../data/batcher';
import type { Dataset, Split } from '../data/types';
import type { SparseNet } from '../train/sparseNet';

/**
 * A split uploaded once to the backend in chunks, so evaluating every 100
 * iterations costs only forward passes, and a single awaited read at the end.
 */
export class EvalSet {
  private chunks: { x: tf.Tensor4D; y: tf.Tensor2D }[] = [];

  constructor(ds: Dataset, split: Split, chunkSize = 1000) {
    const [h, w, c] = ds.inputShape;
    const d = h * w * c;
    const lut = normalisationTables(ds);
    for (let start = 0; start < split.n; start += chunkSize) {
      const n = Math.min(chunkSize, split.n - start);
      const x = new Float32Array(n * d);
      for (let i = 0; i < n; i++) writeExample(ds, lut, split, start + i, x, i * d, d);
      const labels = Int32Array.from(split.y.subarray(start, start + n));
      this.chunks.push({
        x: tf.tensor4d(x, [n, h, w, c]),
        y: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), ds.numClasses).toFloat() as tf.Tensor2D),
      });
    }
  }

  get size(): number {
    return this.chunks.reduce((n, c) => n + c.x.shape[0], 0);
  }

  /** Mean cross-entropy and accuracy of the masked network on this split. */
  async evaluate(net: SparseNet): Promise<{ loss: number; acc: number }> {
    if (this.chunks.length === 0) return { loss: NaN, acc: NaN };
    const totals = tf.tidy(() => {
      let lossSum: tf.Tensor = tf.scalar(0);
      let correct: tf.Tensor = tf.scalar(0);
      for (const { x, y } of this.chunks) {
        const logits = net.predict(x);
        const n = x.shape[0];
        lossSum = tf.add(lossSum, tf.mul(tf.losses.softmaxCrossEntropy(y, logits), n));
        correct = tf.add(correct, tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32')));
      }
      return tf.stack([lossSum, correct]);
    });
    const [lossSum, correct] = await totals.data();
    totals.dispose();
    return { loss: lossSum / this.size, acc: correct / this.size };
  }

  dispose(): void {
    for (const c of this.chunks) {
      c.x.dispose();
      c.y.dispose();
    }
    this.chunks = [];
  }
}
