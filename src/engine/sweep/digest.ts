import type { Masks } from '../pruning/masks';

/**
 * A 64-bit fingerprint of a set of masks (two FNV-1a variants over the
 * names and bytes, in name order): two runs that pruned exactly the same
 * weights have equal digests, so sharded and unsharded sweeps can be
 * compared cell by cell without storing the masks themselves.
 */
export class MaskDigest {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;

  private byte(x: number): void {
    this.a = Math.imul(this.a ^ x, 0x01000193);
    this.b = Math.imul(this.b ^ x, 0x01000193) ^ (this.b >>> 15);
  }

  add(masks: Masks): this {
    for (const name of Object.keys(masks).sort()) {
      for (let i = 0; i < name.length; i++) this.byte(name.charCodeAt(i) & 0xff);
      this.byte(0);
      const m = masks[name];
      for (let i = 0; i < m.length; i++) this.byte(m[i]);
    }
    return this;
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}
