/**
 * A minimal ustar writer, used to build the CIFAR-10 test fixture in the
 * real archive format (and corrupt variants of it in tests). Output is
 * deterministic: fixed owner and mtime, so the committed fixture is
 * byte-for-byte reproducible.
 */
export interface TarEntry {
  name: string;
  /** Omit for a directory. */
  data?: Uint8Array;
  /** Typeflag, by default '0' (file) or '5' (directory); tests use 'L' and 'x'. */
  type?: string;
}

const BLOCK = 512;
/** GNU tar pads archives to 20-block records; the real CIFAR archive ends this way too. */
const RECORD = 20 * BLOCK;
/** 2009-06-04, around when cifar-10-binary.tar.gz was packed. */
const MTIME = 1244073600;

function put(h: Uint8Array, at: number, len: number, s: string): void {
  h.set(new TextEncoder().encode(s).subarray(0, len), at);
}

function octal(value: number, len: number): string {
  return value.toString(8).padStart(len - 1, '0') + '\0';
}

/** One header block; `type` is the typeflag ('0' file, '5' directory, 'L' GNU long name, 'x' pax …). */
export function tarHeader(name: string, size: number, type: string): Uint8Array {
  if (name.length > 100) throw new Error(`tar name longer than 100 bytes: ${name}`);
  const h = new Uint8Array(BLOCK);
  put(h, 0, 100, name);
  put(h, 100, 8, type === '5' ? '0000755\0' : '0000644\0');
  put(h, 108, 8, octal(0, 8));
  put(h, 116, 8, octal(0, 8));
  put(h, 124, 12, octal(size, 12));
  put(h, 136, 12, octal(MTIME, 12));
  h[156] = type.charCodeAt(0);
  put(h, 257, 8, 'ustar\x0000');
  put(h, 265, 32, 'cifar');
  put(h, 297, 32, 'cifar');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  put(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** Concatenates headers, bodies padded to 512 bytes, two zero blocks, and pads to a whole record. */
export function writeTar(entries: TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const size = e.data?.length ?? 0;
    parts.push(tarHeader(e.name, size, e.type ?? (e.data ? '0' : '5')));
    if (e.data) parts.push(e.data, new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  const used = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(Math.ceil(used / RECORD) * RECORD);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
