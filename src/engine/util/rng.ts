/**
 * Seeded random numbers. Every random choice in a run (weight init, data order,
 * random masks, re-initialisation controls) draws from an Rng derived from the
 * run seed plus a label, so streams are independent and a run is reproducible
 * from its config alone, on any backend.
 *
 * Generator: sfc32 (small, fast, passes PractRand); seeds are mixed with
 * a 32-bit string hash so `derive(seed, 'init')` and `derive(seed, 'data')`
 * give unrelated streams.
 */
export type RngState = [number, number, number, number];

/** FNV-1a over a string, then a murmur3 finaliser: a well-mixed 32-bit hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private s: RngState;
  private spareNormal: number | null = null;

  constructor(seed: number | RngState) {
    if (Array.isArray(seed)) {
      this.s = [...seed] as RngState;
    } else {
      const h = hash32(`seed:${seed}`);
      this.s = [h, hash32(`a${h}`), hash32(`b${h}`), 1];
      for (let i = 0; i < 15; i++) this.nextUint32(); // discard warm-up outputs
    }
  }

  /** An independent generator for a named purpose, e.g. derive(seed, 'init'). */
  static derive(seed: number, ...labels: (string | number)[]): Rng {
    return new Rng(hash32(`${seed}|${labels.join('|')}`));
  }

  nextUint32(): number {
    let [a, b, c, d] = this.s;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    this.s = [a, b, c, d];
    return t;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller; the second value of each pair is cached). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  }

  /** A permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  getState(): { s: RngState; spare: number | null } {
    return { s: [...this.s] as RngState, spare: this.spareNormal };
  }

  setState(state: { s: RngState; spare: number | null }): void {
    this.s = [...state.s] as RngState;
    this.spareNormal = state.spare;
  }
}
