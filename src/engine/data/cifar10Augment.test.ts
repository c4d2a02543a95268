import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { Batcher, normalisationTables } from './batcher';
import { cifarDataset } from './cifar10';
import { FIXTURE_RECORDS, fixtureBins } from './cifar10Fixture';

// The Batcher's optional augmentation (config.data.augment): flip + 4-pixel padded crop, on CIFAR-shaped data.
const ds = cifarDataset(fixtureBins(), { valSize: 20 }, FIXTURE_RECORDS);
const lut = normalisationTables(ds);
const D = 32 * 32 * 3;

/** Every flip/offset view of training image i, normalised, to find which one a batch row is. */
function view(i: number, flip: boolean, dx: number, dy: number): Float32Array {
  const out = new Float32Array(D);
  for (let r = 0; r < 32; r++) {
    for (let c = 0; c < 32; c++) {
      const sr = r + dy;
      const sc = (flip ? 31 - c : c) + dx;
      const inside = sr >= 0 && sr < 32 && sc >= 0 && sc < 32;
      for (let k = 0; k < 3; k++) out[(r * 32 + c) * 3 + k] = lut[k][inside ? ds.train.x[i * D + (sr * 32 + sc) * 3 + k] : 0];
    }
  }
  return out;
}

function whichView(row: Float32Array, i: number): string | null {
  for (const flip of [false, true]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const v = view(i, flip, dx, dy);
        if (v.every((x, k) => x === row[k])) return `${flip ? 'f' : 'n'}${dx},${dy}`;
      }
    }
  }
  return null;
}

describe('Batcher augmentation', () => {
  it('is off by default: rows are the plain normalised images', () => {
    const plain = new Batcher(ds, 8, new Rng(3));
    const order = new Rng(3).permutation(ds.train.n);
    const b = plain.next();
    expect(b.x.subarray(0, D)).toEqual(view(order[0], false, 0, 0));
  });

  it('writes each example as a flipped and/or shifted view of itself, in the plain order with the same labels', () => {
    const aug = new Batcher(ds, 16, new Rng(3), true);
    const plain = new Batcher(ds, 16, new Rng(3));
    const order = aug.getState().order; // the first epoch's permutation is drawn before any augmentation
    const views = new Set<string>();
    for (let step = 0; step < 5; step++) {
      const a = aug.next();
      expect(a.y).toEqual(plain.next().y);
      for (let b = 0; b < a.size; b++) {
        const v = whichView(a.x.subarray(b * D, (b + 1) * D), order[step * 16 + b]);
        expect(v).not.toBeNull();
        views.add(v!);
      }
    }
    // 80 draws from 162 views: both flips and many offsets must appear.
    expect([...views].some((v) => v.startsWith('f'))).toBe(true);
    expect([...views].some((v) => v.startsWith('n'))).toBe(true);
    expect(views.size).toBeGreaterThan(30);
  });

  it('is reproducible, and skip() keeps the stream in step (rewinding to iteration k)', () => {
    const a = new Batcher(ds, 12, Rng.derive(5, 'data'), true);
    const b = new Batcher(ds, 12, Rng.derive(5, 'data'), true);
    for (let k = 0; k < 9; k++) a.next(); // crosses epoch boundaries (80 training images)
    b.skip(9);
    expect(b.next()).toEqual(a.next());
    const saved = a.getState();
    const want = a.next();
    b.setState(saved);
    expect(b.next()).toEqual(want);
  });
});
