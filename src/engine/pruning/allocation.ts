import { sizeOf, type LayerRole } from '../models/types';
import { largestRemainder } from './largestRemainder';

/**
 * Layer-wise density allocators for a global density budget D (algorithms.md §5).
 * Pure functions: (layer shapes, D) → one density per layer, in [0, 1], whose
 * weighted mean is D. `densitiesToCounts` turns them into exact weight counts.
 */
export interface LayerShape {
  name: string;
  shape: number[];
  role?: LayerRole;
}

export type Distribution = 'uniform' | 'erk' | 'uniform-plus';


function checkDensity(d: number): void {
  if (!(d > 0 && d <= 1)) throw new Error(`Density must be in (0, 1], got ${d}`);
}

/** Every layer at D: the first and last layers are starved as much as the big ones. */
export function uniformDensities(layers: LayerShape[], density: number): Record<string, number> {
  checkDensity(density);
  return Object.fromEntries(layers.map((l) => [l.name, density]));
}

/**
 * Erdős–Rényi-Kernel: d_l = ε·(Σ dims / Π dims)^power. ε is solved exactly so
 * the total is D; any layer whose density would exceed 1 is made dense and ε
 * re-solved over the rest (without this cap the realised density misses D,
 * sparse_learning#20). Layers listed in `dense` start in the dense set.
 */
export function erkDensities(layers: LayerShape[], density: number, power = 1, dense: string[] = []): Record<string, number> {
  checkDensity(density);
  const sizes = layers.map((l) => sizeOf(l.shape));
  const raw = layers.map((l) => Math.pow(l.shape.reduce((a, b) => a + b, 0) / sizeOf(l.shape), power));
  const total = sizes.reduce((a, b) => a + b, 0);
  const isDense = layers.map((l) => dense.includes(l.name) || density === 1);
  let eps = 0;
  for (;;) {
    let denseCount = 0;
    let weighted = 0;
    layers.forEach((_, i) => {
      if (isDense[i]) denseCount += sizes[i];
      else weighted += raw[i] * sizes[i];
    });
    const budget = density * total - denseCount;
    if (weighted === 0) {
      if (budget < -1e-9) throw new Error(`Density ${density} cannot hold the layers forced dense`);
      break;
    }
    eps = budget / weighted;
    if (eps < 0) throw new Error(`Density ${density} cannot hold the layers forced dense`);
    // Make the layer(s) with the largest raw score dense and solve again.
    let maxRaw = -Infinity;
    layers.forEach((_, i) => { if (!isDense[i]) maxRaw = Math.max(maxRaw, raw[i]); });
    if (eps * maxRaw <= 1) break;
    layers.forEach((_, i) => { if (!isDense[i] && raw[i] === maxRaw) isDense[i] = true; });
  }
  return Object.fromEntries(layers.map((l, i) => [l.name, isDense[i] ? 1 : eps * raw[i]]));
}

/**
 * Uniform+ (Random_Pruning `uniform_plus`, LAMP `unifplus`): the first conv layer
 * stays dense (it is tiny and every feature depends on it) and the output layer
 * keeps at least 20 %; the remaining layers share the rest of the budget
 * uniformly. An MLP has no conv layer, so its first layer — most of its weights —
 * is treated like the others (keeping it dense would overshoot any D < 0.88).
 */
export function uniformPlusDensities(layers: LayerShape[], density: number, outputFloor = 0.2): Record<string, number> {
  checkDensity(density);
  const out: Record<string, number> = {};
  const sizes = new Map(layers.map((l) => [l.name, sizeOf(l.shape)]));
  const total = layers.reduce((n, l) => n + sizes.get(l.name)!, 0);
  const first = layers[0]?.role === 'conv' ? layers[0].name : undefined;
  const output = layers.length > 1 ? layers[layers.length - 1].name : undefined;
  let budget = density * total;
  if (first) {
    out[first] = 1;
    budget -= sizes.get(first)!;
  }
  const rest = layers.filter((l) => l.name !== first);
  const restSize = (ls: LayerShape[]) => ls.reduce((n, l) => n + sizes.get(l.name)!, 0);
  let d = budget / restSize(rest);
  if (output && output !== first && d < outputFloor) {
    out[output] = outputFloor;
    const others = rest.filter((l) => l.name !== output);
    d = (budget - outputFloor * sizes.get(output)!) / restSize(others);
    for (const l of others) out[l.name] = d;
  } else {
    for (const l of rest) out[l.name] = d;
  }
  for (const [name, v] of Object.entries(out)) {
    if (!(v >= 0 && v <= 1 + 1e-12)) throw new Error(`Uniform+ cannot reach density ${density}: layer ${name} would need ${v.toFixed(4)}`);
  }
  return out;
}

export function allocateDensities(dist: Distribution, layers: LayerShape[], density: number): Record<string, number> {
  switch (dist) {
    case 'uniform':
      return uniformDensities(layers, density);
    case 'erk':
      return erkDensities(layers, density);
    case 'uniform-plus':
      return uniformPlusDensities(layers, density);
  }
}

/**
 * Exact per-layer weight counts for the densities: each layer gets floor(d·N)
 * plus at most one extra weight, handed out by largest remainder so the total
 * is round(D·N_total) when the densities average to D (±1 per layer).
 */
export function densitiesToCounts(layers: LayerShape[], densities: Record<string, number>): Record<string, number> {
  const sizes = layers.map((l) => sizeOf(l.shape));
  const exact = layers.map((l, i) => Math.min(1, Math.max(0, densities[l.name])) * sizes[i]);
  const target = Math.min(sizes.reduce((a, b) => a + b, 0), Math.round(exact.reduce((a, b) => a + b, 0)));
  const counts = largestRemainder(exact, target, sizes);
  return Object.fromEntries(layers.map((l, i) => [l.name, counts[i]]));
}
