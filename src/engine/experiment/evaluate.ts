import * as tf from '@tensorflow/tfjs';
import { normalisationTables, writeExample } from '../data/batcher';
import type { Dataset, Split } from '../data/types';
import type { SparseNet } from '../train/sparseNet';
import type { RunControl } from './control';
import type { ModelDef, ParamTensors } from '../models/model';
import { evalChunkSize } from './evalBudget';

export interface EvalOptions {
  /** Checked between chunks: a pause waits there, a stop ends the evaluation (evaluate resolves null). */
  control?: RunControl;
  /** After each chunk: images done of the split, and the images and seconds of that chunk (for the ETA). */
  onChunk?(c: { done: number; total: number; images: number; seconds: number }): void;
  /** Tests only: wait this long after each chunk, to hold a run inside its evaluation. */
  delayMs?: number;
}

/** Splits whose normalised images fit in this many bytes stay on the backend between evaluations. */
const RESIDENT_BYTES = 32e6;

export interface EvalSetOptions {
  /** Images a chunk, instead of the budgeted size (tests; the bench compares with the old fixed 1,000). */
  chunk?: number;
}

/**
 * A split evaluated in chunks. Each chunk is normalised from the split's
 * bytes, uploaded, run forward and read back before the next one, so the
 * backend never holds more than one chunk's activations and the run control
 * is consulted several times a second even when a full pass takes half a
 * minute. The chunk size comes from per-backend memory and time budgets
 * (evalBudget.ts), measured on the model at the first evaluation.
 */
export class EvalSet {
  private lut: Float32Array[];
  private chunk = 0;
  /**
   * Chunk inputs kept on the backend between evaluations when the whole split
   * is small (MNIST: 16 MB of validation, 31 MB of test images), so evaluating every 100
   * iterations costs forward passes only; CIFAR-10's splits are rebuilt per chunk.
   */
  private resident: (tf.Tensor4D | undefined)[] | null = null;

  constructor(private readonly ds: Dataset, private readonly split: Split, private readonly opts: EvalSetOptions = {}) {
    this.lut = normalisationTables(ds);
  }

  get size(): number {
    return this.split.n;
  }

  /** Images per chunk (0 before the first evaluation). */
  get chunkSize(): number {
    return this.chunk;
  }

  /** Mean cross-entropy and accuracy of the masked network on this split; null when stopped midway. */
  async evaluate(net: SparseNet, o: EvalOptions = {}): Promise<{ loss: number; acc: number } | null> {
    const n = this.split.n;
    if (n === 0) return { loss: NaN, acc: NaN };
    if (this.chunk === 0) {
      this.chunk = this.opts.chunk ?? evalChunkSize(net.model, activationBytesPerExample(net.model, net.params), tf.getBackend());
      const [h, w, c] = this.ds.inputShape;
      if (n * h * w * c * 4 <= RESIDENT_BYTES) this.resident = [];
    }
    let lossSum = 0;
    let correct = 0;
    for (let done = 0; done < n; ) {
      await o.control?.evalGate();
      if (o.control?.shouldStop) return null;
      const size = Math.min(this.chunk, n - done);
      const t0 = performance.now();
      const [l, c] = await this.evaluateChunk(net, done, size);
      const seconds = (performance.now() - t0) / 1000;
      lossSum += l;
      correct += c;
      done += size;
      o.onChunk?.({ done, total: n, images: size, seconds });
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
    }
    return { loss: lossSum / n, acc: correct / n };
  }

  /** Frees the inputs kept on the backend (the set stays usable: they are rebuilt on demand). */
  dispose(): void {
    for (const x of this.resident ?? []) x?.dispose();
    if (this.resident) this.resident = [];
  }

  /** The normalised images [start, start + n) as a tensor; resident ones are kept (the caller must not dispose them). */
  private input(start: number, n: number): tf.Tensor4D {
    const index = start / this.chunk;
    const kept = this.resident?.[index];
    if (kept) return kept;
    const [h, w, c] = this.ds.inputShape;
    const d = h * w * c;
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) writeExample(this.ds, this.lut, this.split, start + i, x, i * d, d);
    const t = tf.tensor4d(x, [n, h, w, c]);
    if (this.resident) this.resident[index] = t;
    return t;
  }

  /** Summed loss and number correct over images [start, start + n). */
  private async evaluateChunk(net: SparseNet, start: number, n: number): Promise<[number, number]> {
    const x = this.input(start, n);
    const labels = Int32Array.from(this.split.y.subarray(start, start + n));
    const totals = tf.tidy(() => {
      const logits = net.predict(x);
      const y = tf.tensor1d(labels, 'int32');
      const loss = tf.mul(tf.losses.softmaxCrossEntropy(tf.oneHot(y, this.ds.numClasses), logits), n);
      const right = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32'));
      return tf.stack([loss, right]);
    });
    if (!this.resident) x.dispose();
    try {
      const [l, r] = await totals.data();
      return [l, r];
    } finally {
      totals.dispose();
    }
  }
}

/**
 * Activation bytes per image of `model`'s forward pass, measured on the
 * active backend: the tensor bytes a batch of 2 holds beyond a batch of 1
 * (constant costs such as masked weights cancel out).
 */
export function activationBytesPerExample(model: ModelDef, params: ParamTensors): number {
  const held = (n: number) =>
    tf.tidy(() => {
      const x = tf.zeros([n, ...model.inputShape]) as tf.Tensor4D;
      const before = tf.memory().numBytes;
      model.forward(params, x);
      return tf.memory().numBytes - before;
    });
  return Math.max(4, held(2) - held(1));
}
