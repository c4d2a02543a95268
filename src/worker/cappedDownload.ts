import { DataError } from '../engine/spec';

/** The official archive is 170,052,171 bytes; each .bin file 30,730,000 (less gzipped). */
export const MAX_ARCHIVE_BYTES = 200_000_000;
export const MAX_BIN_FILE_BYTES = 40_000_000;

const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

/**
 * A download's body with a byte cap and its declared length enforced while
 * it streams: a response that declares more than the cap is refused before
 * reading, one that sends more than the cap or than its Content-Length is cut
 * off at once (an endless response once took 3.7 GB in 17 s), and one that
 * ends short of its Content-Length is reported as cut short. With a
 * Content-Encoding the declared length counts compressed bytes, so only the
 * cap applies then.
 */
export function cappedBody(url: string, res: Response, body: ReadableStream<Uint8Array>, maxBytes: number): { stream: ReadableStream<Uint8Array>; total: number } {
  const header = res.headers.get('content-length');
  const declared = header !== null && /^\d+$/.test(header.trim()) && !res.headers.get('content-encoding') ? Number(header) : null;
  if (declared !== null && declared > maxBytes) {
    void body.cancel().catch(() => {});
    throw new DataError(`${url} is ${mb(declared)}; no CIFAR-10 file is larger than ${mb(maxBytes)}, so it was not downloaded`, url);
  }
  let loaded = 0;
  const stream = body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      loaded += chunk.length;
      if (loaded > maxBytes) throw new DataError(`${url} sent more than ${mb(maxBytes)}, more than any CIFAR-10 file; the download was stopped`, url);
      if (declared !== null && loaded > declared) throw new DataError(`${url} sent more than the ${declared.toLocaleString('en-US')} bytes it declared; the download was stopped`, url);
      ctl.enqueue(chunk);
    },
    flush() {
      if (declared !== null && loaded < declared) throw new DataError(`${url} was cut short: ${loaded.toLocaleString('en-US')} of ${declared.toLocaleString('en-US')} bytes arrived — try again`, url);
    },
  }));
  return { stream, total: declared ?? 0 };
}
