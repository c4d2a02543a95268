import { DataError } from './types';

/**
 * Decompresses gzip bytes with the platform's DecompressionStream (browsers,
 * Web Workers and Node ≥ 18 all have it). Bytes that do not start with the
 * gzip magic are returned unchanged: some static hosts decompress `.gz` files
 * on the fly (Content-Encoding: gzip), and the fetch then hands us raw bytes.
 */
export async function maybeGunzip(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DataError(`${file}: corrupt gzip data (${(e as Error).message})`, file);
  }
}
