import { describe, expect, it } from 'vitest';
import { hash32, Rng } from './rng';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds and labels', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(7)));
    const b = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(7)));
    const c = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(8)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Rng.derive(1, 'init').next()).not.toBe(Rng.derive(1, 'data').next());
  });

  it('draws uniforms in [0,1) and normals with mean 0, std 1', () => {
    const r = new Rng(3);
    let sum = 0;
    let sq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(sq / n) - 1)).toBeLessThan(0.03);
  });

  it('permutation contains every index once', () => {
    const p = new Rng(5).permutation(1000);
    expect(new Set(p).size).toBe(1000);
    expect(Math.max(...p)).toBe(999);
  });

  it('restores its state exactly', () => {
    const r = new Rng(9);
    r.normal();
    const s = r.getState();
    const x = [r.next(), r.normal(), r.normal()];
    r.setState(s);
    expect([r.next(), r.normal(), r.normal()]).toEqual(x);
  });

  it('hash32 spreads nearby strings', () => {
    expect(hash32('a')).not.toBe(hash32('b'));
    expect(hash32('seed:1')).toBe(hash32('seed:1'));
  });
});
