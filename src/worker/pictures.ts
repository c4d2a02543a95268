import { prunableParams, sizeOf, overallDensity, type Weights, type ModelSpec, type ParamSpec, type Masks, type SeriesId } from '../engine/spec';
import type { DensityMap, RoundPictures, WeightHistogram } from './protocol';

/** Largest side of a downsampled layer map: enough to see structure, small enough to post. */
const MAX_CELLS = 48;
const HISTOGRAM_BINS = 41;

/**
 * Per input pixel, the fraction of its first-layer connections that survive.
 * Only for a first layer that is a dense matrix over the flattened image
 * (MLPs): on MNIST the border pixels, which never vary, lose theirs first.
 */
export function inputDensityMap(model: ModelSpec, masks: Masks): DensityMap | undefined {
  const first = prunableParams(model)[0];
  const [h, w, c] = model.inputShape;
  if (!first || first.shape.length !== 2 || first.shape[0] !== h * w * c) return undefined;
  const mask = masks[first.name];
  const fanOut = first.shape[1];
  const kept = new Float64Array(h * w);
  for (let p = 0; p < h * w; p++) {
    // Flattened HWC: input row (p·c + ch) belongs to pixel p.
    for (let ch = 0; ch < c; ch++) {
      const row = (p * c + ch) * fanOut;
      for (let j = 0; j < fanOut; j++) kept[p] += mask[row + j];
    }
    kept[p] /= c * fanOut;
  }
  return { name: first.name, rows: first.shape[0], cols: fanOut, h, w, ...quantise(kept) };
}

/** Fractions in [0, 1] → bytes relative to the largest, plus that largest fraction. */
export function quantise(fractions: Float64Array): { cells: Uint8Array; max: number } {
  let max = 0;
  for (const f of fractions) max = Math.max(max, f);
  const cells = new Uint8Array(fractions.length);
  if (max > 0) for (let i = 0; i < cells.length; i++) cells[i] = Math.round((255 * fractions[i]) / max);
  return { cells, max };
}

/** A layer's mask as [inputs × outputs] (conv kernels: [kh·kw·cin × cout]), averaged into at most MAX_CELLS² blocks. */
export function layerDensityMap(spec: ParamSpec, mask: Uint8Array, maxCells = MAX_CELLS): DensityMap {
  const cols = spec.shape[spec.shape.length - 1];
  const rows = sizeOf(spec.shape) / cols;
  const bh = Math.ceil(rows / maxCells);
  const bw = Math.ceil(cols / maxCells);
  const h = Math.ceil(rows / bh);
  const w = Math.ceil(cols / bw);
  const kept = new Uint32Array(h * w);
  const size = new Uint32Array(h * w);
  for (let r = 0; r < rows; r++) {
    const cr = Math.floor(r / bh) * w;
    for (let c = 0; c < cols; c++) {
      const cell = cr + Math.floor(c / bw);
      kept[cell] += mask[r * cols + c];
      size[cell] += 1;
    }
  }
  const fractions = new Float64Array(h * w);
  for (let i = 0; i < fractions.length; i++) fractions[i] = kept[i] / size[i];
  return { name: spec.name, rows, cols, h, w, ...quantise(fractions) };
}

/**
 * Histogram of the surviving prunable weights over a symmetric range, plus
 * how many the mask holds at zero: magnitude pruning visibly carves the
 * middle out of the distribution round after round.
 */
export function weightHistogram(model: ModelSpec, weights: Weights, masks: Masks, bins = HISTOGRAM_BINS): WeightHistogram {
  let limit = 0;
  let pruned = 0;
  let total = 0;
  for (const spec of prunableParams(model)) {
    const w = weights[spec.name];
    const m = masks[spec.name];
    for (let i = 0; i < w.length; i++) {
      total++;
      if (m[i]) limit = Math.max(limit, Math.abs(w[i]));
      else pruned++;
    }
  }
  const kept = new Array<number>(bins).fill(0);
  if (limit === 0) return { limit: 0, kept, pruned, total };
  for (const spec of prunableParams(model)) {
    const w = weights[spec.name];
    const m = masks[spec.name];
    for (let i = 0; i < w.length; i++) {
      if (!m[i]) continue;
      const b = Math.min(bins - 1, Math.floor(((w[i] + limit) / (2 * limit)) * bins));
      kept[b]++;
    }
  }
  return { limit, kept, pruned, total };
}

export function roundPictures(
  model: ModelSpec, weights: Weights, masks: Masks, where: { series: SeriesId; round: number; phase: 'start' | 'end' },
): RoundPictures {
  return {
    ...where,
    density: overallDensity(masks),
    input: inputDensityMap(model, masks),
    layers: prunableParams(model).map((spec) => layerDensityMap(spec, masks[spec.name])),
    histogram: weightHistogram(model, weights, masks),
  };
}
