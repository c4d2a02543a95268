import { DataError } from './types';

/**
 * Parsers for the IDX format MNIST ships in: a big-endian header
 * (magic 0x00000803 for images with 3 dims, 0x00000801 for labels) followed
 * by unsigned bytes. Every size is checked so a truncated download is
 * reported instead of silently training on garbage.
 */
export function parseIdxImages(buf: Uint8Array, file: string): { data: Uint8Array; n: number; rows: number; cols: number } {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 16) throw new DataError(`${file}: too short for an IDX image header (${buf.byteLength} bytes)`, file);
  const magic = view.getUint32(0);
  if (magic !== 0x00000803) throw new DataError(`${file}: not an IDX image file (magic 0x${magic.toString(16)}, expected 0x803)`, file);
  const n = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  const expected = 16 + n * rows * cols;
  if (buf.byteLength !== expected) throw new DataError(`${file}: holds ${buf.byteLength} bytes, expected ${expected} for ${n} images of ${rows}×${cols}`, file);
  return { data: buf.subarray(16), n, rows, cols };
}

export function parseIdxLabels(buf: Uint8Array, file: string, numClasses = 10): { data: Uint8Array; n: number } {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 8) throw new DataError(`${file}: too short for an IDX label header (${buf.byteLength} bytes)`, file);
  const magic = view.getUint32(0);
  if (magic !== 0x00000801) throw new DataError(`${file}: not an IDX label file (magic 0x${magic.toString(16)}, expected 0x801)`, file);
  const n = view.getUint32(4);
  if (buf.byteLength !== 8 + n) throw new DataError(`${file}: holds ${buf.byteLength} bytes, expected ${8 + n} for ${n} labels`, file);
  const data = buf.subarray(8);
  for (let i = 0; i < n; i++) {
    if (data[i] >= numClasses) throw new DataError(`${file}: label ${data[i]} at index ${i} is not a class in 0..${numClasses - 1}`, file);
  }
  return { data, n };
}
