import { describe, expect, it } from 'vitest';
import { chunkedStream as chunked } from './cifar10Fixture';
import { extractTar } from './tar';
import { writeTar } from './tarWriter';

const enc = (s: string) => new TextEncoder().encode(s);
const body = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

describe('streaming tar reader', () => {
  const entries = [
    { name: 'dir/' },
    { name: 'dir/empty.bin', data: new Uint8Array(0) },
    { name: 'dir/exact.bin', data: body(1024, 1) },
    { name: 'dir/odd.bin', data: body(1537, 2) },
    { name: 'dir/skipped.txt', data: enc('not kept') },
  ];
  const tar = writeTar(entries);

  it.each([1, 7, 512, 4096, tar.length])('reads members and bodies with %i-byte chunks', async (size) => {
    const { files, members } = await extractTar(chunked(tar, size), 't.tar', (m) => m.name.endsWith('.bin'));
    expect(members.map((m) => [m.name, m.size, m.type])).toEqual([
      ['dir/', 0, '5'], ['dir/empty.bin', 0, '0'], ['dir/exact.bin', 1024, '0'], ['dir/odd.bin', 1537, '0'], ['dir/skipped.txt', 8, '0'],
    ]);
    expect(Object.keys(files)).toEqual(['dir/empty.bin', 'dir/exact.bin', 'dir/odd.bin']);
    expect(files['dir/odd.bin']).toEqual(body(1537, 2));
    expect(files['dir/exact.bin']).toEqual(body(1024, 1));
  });

  it('follows GNU long names and pax paths', async () => {
    const long = `${'x'.repeat(120)}/data_batch_1.bin`;
    const t = writeTar([
      { name: '././@LongLink', type: 'L', data: enc(`${long}\0`) },
      { name: 'truncated-name', data: body(10, 3) },
      { name: 'PaxHeaders/p', type: 'x', data: enc('30 path=deep/test_batch.bin\n') },
      { name: 'short', data: body(5, 4) },
    ]);
    const { files } = await extractTar(chunked(t, 100), 't.tar', () => true);
    expect(Object.keys(files)).toEqual([long, 'deep/test_batch.bin']);
  });

  it('names the member a truncated archive ends in', async () => {
    await expect(extractTar(chunked(tar.subarray(0, 512 * 3 + 100), 64), 'x.tar', () => true)).rejects.toThrow(
      /x\.tar: truncated archive — it ends inside dir\/exact\.bin \(100 of 1,024 bytes\)/,
    );
    await expect(extractTar(chunked(tar.subarray(0, 700), 64), 'x.tar', () => true)).rejects.toThrow(/ends inside a member header at byte 512/);
  });

  it('rejects a bad header checksum, and says "not a tar archive" for the first block', async () => {
    const bad = tar.slice();
    bad[512 + 5] ^= 0x20; // a letter of the second member's name
    await expect(extractTar(chunked(bad, 512), 'x.tar', () => true)).rejects.toThrow(/x\.tar: bad tar header checksum at byte 512 \(after dir\/\)/);
    await expect(extractTar(chunked(body(4096, 9), 512), 'x.tar', () => true)).rejects.toThrow(/x\.tar: not a tar archive/);
  });

  it('cancels the source stream when it gives up', async () => {
    let cancelled = false;
    const src = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(body(512, 5)), cancel: () => void (cancelled = true) });
    await expect(extractTar(src, 'x.tar', () => true)).rejects.toThrow(/not a tar archive/);
    expect(cancelled).toBe(true);
  });
});
