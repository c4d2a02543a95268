import { DataError, type FileReader } from '../engine/spec';

/**
 * A FileReader over `<base>data/<file>` that streams with byte progress and
 * keeps each file's bytes for the worker's lifetime, so a second run does
 * not download again.
 */
export function fetchReader(base: string, fetchFn: typeof fetch = fetch): FileReader {
  const cache = new Map<string, Uint8Array>();
  return async (file, onProgress) => {
    const hit = cache.get(file);
    if (hit) {
      onProgress?.(hit.length, hit.length);
      return hit;
    }
    const url = `${base}data/${file}`;
    const res = await fetchFn(url);
    if (!res.ok) throw new DataError(`Could not fetch ${url}: HTTP ${res.status}`, file);
    const total = Number(res.headers.get('content-length')) || 0;
    const bytes = res.body ? await readStream(res.body, total, onProgress) : new Uint8Array(await res.arrayBuffer());
    cache.set(file, bytes);
    return bytes;
  };
}

async function readStream(body: ReadableStream<Uint8Array>, total: number, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress?.(loaded, Math.max(total, loaded));
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
