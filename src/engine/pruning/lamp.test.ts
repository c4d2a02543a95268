import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { lampScores } from './lamp';
import type { Masks } from './masks';
import { magnitudeScores, pruneGlobal } from './pruneByCount';
import { collapsedLayers, nnz } from './masks';

function layer(n: number, rng: Rng, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal() * scale);
}

describe('LAMP scores (algorithms.md §7, check 13)', () => {
  it('gives each layer\'s largest surviving weight the score 1, and matches the formula', () => {
    const rng = new Rng(3);
    const w = { a: layer(50, rng, 0.01), b: layer(7, rng, 10) };
    const masks: Masks = { a: new Uint8Array(50).fill(1), b: new Uint8Array(7).fill(1) };
    masks.a[3] = 0;
    const s = lampScores(w, masks);
    for (const name of ['a', 'b'] as const) {
      let best = -1;
      let bestIdx = -1;
      w[name].forEach((v, i) => { if (masks[name][i] && Math.abs(v) > best) { best = Math.abs(v); bestIdx = i; } });
      expect(s[name][bestIdx]).toBe(1);
    }
    expect(s.a[3]).toBe(0);
    // score(u) = w_u² / Σ_{|w_v| ≥ |w_u|, alive} w_v²
    const i = 10;
    let denom = 0;
    w.a.forEach((v, j) => { if (masks.a[j] && v * v >= w.a[i] * w.a[i]) denom += v * v; });
    expect(s.a[i]).toBeCloseTo((w.a[i] * w.a[i]) / denom, 6);
  });

  it('equals magnitude pruning on a single layer, ties included', () => {
    const rng = new Rng(9);
    const w = { only: layer(500, rng) };
    for (let i = 0; i < 40; i++) w.only[i * 7] = 0.125; // ties
    const masks: Masks = { only: new Uint8Array(500).fill(1) };
    for (const k of [1, 37, 250, 499]) {
      const a = pruneGlobal(lampScores(w, masks), masks, k);
      const b = pruneGlobal(magnitudeScores(w, masks), masks, k);
      expect(Array.from(a.only)).toEqual(Array.from(b.only));
    }
  });

  it('never empties a layer, where global magnitude does', () => {
    const rng = new Rng(5);
    const w = { tiny: layer(100, rng, 1e-3), big: layer(1000, rng, 1) };
    const masks: Masks = { tiny: new Uint8Array(100).fill(1), big: new Uint8Array(1000).fill(1) };
    expect(collapsedLayers(pruneGlobal(magnitudeScores(w, masks), masks, 1000))).toEqual(['tiny']);
    const lamp = pruneGlobal(lampScores(w, masks), masks, 1000);
    expect(collapsedLayers(lamp)).toEqual([]);
    expect(nnz(lamp.tiny) + nnz(lamp.big)).toBe(100);
  });
});
