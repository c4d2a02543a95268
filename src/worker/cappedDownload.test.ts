import { describe, expect, it } from 'vitest';
import { DataError } from '../engine/data/types';
import { importCifar } from './datasetImport';

/** A server that never stops sending (64 KB chunks), optionally declaring a length. */
function endless(headers: Record<string, string> = {}): typeof fetch {
  return (async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        sent += 65536;
        ctl.enqueue(new Uint8Array(65536).fill(0x1f));
      },
    });
    return Object.assign(new Response(body, { headers: { 'content-type': 'application/octet-stream', ...headers } }), { sent: () => sent });
  }) as unknown as typeof fetch;
}

const fails = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as Error);

describe('CIFAR-10 import from a URL is bounded', () => {
  it('stops an endless response at the byte cap, with a message', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const e = await fails(importCifar({ kind: 'url', url: 'https://x.org/data/cifar10' }, () => {}, endless()));
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(/^https:\/\/x\.org\/data\/cifar10\/data_batch_1\.bin(\.gz)? sent more than 40 MB, more than any CIFAR-10 file; the download was stopped/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(200e6);
  }, 30_000);

  it('refuses a declared length over the cap before reading, and a body longer than it declared', async () => {
    const big = await fails(importCifar({ kind: 'url', url: 'https://x.org/c/cifar-10-binary.tar.gz' }, () => {}, endless({ 'content-length': String(5e9) })));
    expect(big.message).toBe('https://x.org/c/cifar-10-binary.tar.gz is 5000 MB; no CIFAR-10 file is larger than 200 MB, so it was not downloaded');
    const liar = await fails(importCifar({ kind: 'url', url: 'https://x.org/data/cifar10' }, () => {}, endless({ 'content-length': '100000' })));
    expect(liar.message).toMatch(/sent more than the 100,000 bytes it declared; the download was stopped/);
  }, 30_000);
});
