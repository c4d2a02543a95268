import type { RngState } from '../util/rng';
import { Rng } from '../util/rng';
import type { Dataset, Split } from './types';

export interface Batch {
  /** Normalised inputs, [batch, h, w, c] flattened. */
  x: Float32Array;
  y: Uint8Array;
  size: number;
}

export interface BatcherState {
  epoch: number;
  cursor: number;
  order: Uint32Array;
  rng: { s: RngState; spare: number | null };
}

/**
 * Endless mini-batches in a seeded order: each epoch is a fresh permutation of
 * the training split drawn from the run's data stream. The state (order,
 * cursor, RNG) can be saved and restored, so a resumed run sees exactly the
 * batches an uninterrupted one would.
 */
export class Batcher {
  private order: Uint32Array;
  private cursor = 0;
  epoch = 0;
  private readonly lut: Float32Array[];

  /**
   * `augment`: random horizontal flip and 4-pixel padded random crop of each
   * training example (CIFAR-10), drawn from the same seeded stream.
   */
  constructor(
    readonly ds: Dataset,
    readonly batchSize: number,
    private rng: Rng,
    readonly augment = false,
    /** 'wrap': full batches across epoch ends; 'keep'/'drop': batches end with the epoch, the partial last one kept or dropped. */
    readonly lastBatch: 'wrap' | 'keep' | 'drop' = 'wrap',
  ) {
    if (ds.train.n === 0) throw new Error('Training split is empty');
    this.order = rng.permutation(ds.train.n);
    this.lut = normalisationTables(ds);
  }

  next(): Batch {
    const { train } = this.ds;
    const d = this.ds.inputShape[0] * this.ds.inputShape[1] * this.ds.inputShape[2];
    const size = this.nextSize();
    const x = new Float32Array(size * d);
    const y = new Uint8Array(size);
    for (let b = 0; b < size; b++) {
      if (this.cursor >= this.order.length) {
        this.order = this.rng.permutation(train.n);
        this.cursor = 0;
        this.epoch++;
      }
      const i = this.order[this.cursor++];
      if (this.augment) writeAugmented(this.ds, this.lut, train, i, x, b * d, this.rng.int(AUGMENT_CHOICES));
      else writeExample(this.ds, this.lut, train, i, x, b * d, d);
      y[b] = train.y[i];
    }
    return { x, y, size };
  }

  /**
   * Size of the coming batch. In the epoch-aligned modes this starts a new
   * epoch first when the current one is used up (or, when dropping, has only
   * a partial batch left), so a batch never spans two epochs.
   */
  private nextSize(): number {
    const full = Math.min(this.batchSize, this.ds.train.n);
    if (this.lastBatch === 'wrap') return full;
    const left = this.order.length - this.cursor;
    if (left <= 0 || (this.lastBatch === 'drop' && left < full)) {
      this.newEpoch();
      return full;
    }
    return Math.min(full, left);
  }

  private newEpoch(): void {
    this.order = this.rng.permutation(this.ds.train.n);
    this.cursor = 0;
    this.epoch++;
  }

  /** Advance past `batches` batches without building them (rewinding to iteration k). */
  skip(batches: number): void {
    if (this.lastBatch !== 'wrap') {
      for (let b = 0; b < batches; b++) {
        const size = this.nextSize();
        if (this.augment) for (let k = 0; k < size; k++) this.rng.int(AUGMENT_CHOICES);
        this.cursor += size;
      }
      return;
    }
    let left = batches * Math.min(this.batchSize, this.ds.train.n);
    while (left > 0) {
      if (this.cursor >= this.order.length) {
        this.order = this.rng.permutation(this.ds.train.n);
        this.cursor = 0;
        this.epoch++;
      }
      const take = Math.min(left, this.order.length - this.cursor);
      // One augmentation draw per example, as next() makes, keeps the stream in step.
      if (this.augment) for (let k = 0; k < take; k++) this.rng.int(AUGMENT_CHOICES);
      this.cursor += take;
      left -= take;
    }
  }

  getState(): BatcherState {
    return { epoch: this.epoch, cursor: this.cursor, order: this.order.slice(), rng: this.rng.getState() };
  }

  setState(s: BatcherState): void {
    this.epoch = s.epoch;
    this.cursor = s.cursor;
    this.order = s.order.slice();
    this.rng.setState(s.rng);
  }
}

/** A 256-entry lookup table per channel: pixel byte → normalised float. */
export function normalisationTables(ds: Dataset): Float32Array[] {
  return ds.mean.map((mean, c) => {
    const t = new Float32Array(256);
    for (let v = 0; v < 256; v++) t[v] = (v / 255 - mean) / ds.std[c];
    return t;
  });
}

export function writeExample(ds: Dataset, lut: Float32Array[], split: Split, i: number, out: Float32Array, offset: number, d: number): void {
  const c = ds.inputShape[2];
  const src = split.x.subarray(i * d, i * d + d);
  if (c === 1) {
    const t = lut[0];
    for (let k = 0; k < d; k++) out[offset + k] = t[src[k]];
  } else {
    for (let k = 0; k < d; k++) out[offset + k] = lut[k % c][src[k]];
  }
}

const PAD = 4;
/** Flip (2) × crop offset in x (9) × in y (9): one draw per example picks all three. */
const AUGMENT_CHOICES = 2 * (2 * PAD + 1) * (2 * PAD + 1);

/**
 * Writes example i zero-padded by 4 pixels, cropped back to h×w at a random
 * offset, and maybe mirrored. Padding is raw pixel 0 (normalised through the
 * table), as torchvision's RandomCrop(padding=4) does before Normalize.
 */
export function writeAugmented(ds: Dataset, lut: Float32Array[], split: Split, i: number, out: Float32Array, offset: number, choice: number): void {
  const [h, w, c] = ds.inputShape;
  const side = 2 * PAD + 1;
  const flip = choice % 2 === 1;
  const dx = Math.floor(choice / 2) % side - PAD;
  const dy = Math.floor(choice / (2 * side)) - PAD;
  const src = split.x.subarray(i * h * w * c, (i + 1) * h * w * c);
  for (let r = 0; r < h; r++) {
    const sr = r + dy;
    for (let col = 0; col < w; col++) {
      const sc = (flip ? w - 1 - col : col) + dx;
      const o = offset + (r * w + col) * c;
      const inside = sr >= 0 && sr < h && sc >= 0 && sc < w;
      for (let k = 0; k < c; k++) out[o + k] = lut[k][inside ? src[(sr * w + sc) * c + k] : 0];
    }
  }
}
