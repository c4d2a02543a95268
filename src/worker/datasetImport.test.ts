import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CIFAR10_BIN_FILES } from '../engine/data/cifar10';
import { FIXTURE_ARCHIVE, FIXTURE_DIR, fixtureBins } from '../engine/data/cifar10Fixture';
import { memoryDatasetCache } from '../storage/datasetCache';
import type { FromImporter } from './datasetProtocol';
import { importCifar, type ImportProgress } from './datasetImport';
import { runImportJob } from './datasetJob';

const archive = new Uint8Array(readFileSync(join(FIXTURE_DIR, FIXTURE_ARCHIVE)));
const file = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name);
const bins = () => Object.entries(fixtureBins()).map(([name, b]) => file(b, name));
const fails = async (p: Promise<unknown>) => (await p.then(() => null, (e: Error) => e))!;

/** A fetch over a table of URL → bytes; anything else is the dev server's HTML fallback page. */
function fakeFetch(table: Record<string, Uint8Array>): typeof fetch {
  return (async (url: string) => {
    const body = table[url];
    if (!body) return new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } });
    return new Response(body as BlobPart, { headers: { 'content-length': String(body.length), 'content-type': 'application/octet-stream' } });
  }) as unknown as typeof fetch;
}

describe('importCifar', () => {
  it('imports the 20-record fixture archive, inferring the record count, with progress in compressed bytes', async () => {
    const seen: ImportProgress[] = [];
    const r = await importCifar({ kind: 'files', files: [file(archive, 'cifar-10-fixture.tar.gz')] }, (p) => seen.push(p));
    expect(r).toMatchObject({ recordsPerFile: 20, source: 'cifar-10-fixture.tar.gz' });
    expect(r.warning).toMatch(/20 records instead of the official 10,000/);
    expect(r.warning).toMatch(/cifar-10-fixture\.tar\.gz is not byte-for-byte the official cifar-10-binary\.tar\.gz: its md5 is [0-9a-f]{32}/);
    expect(r.checksum).toMatchObject({ checksum: 'mismatch' });
    expect(Object.keys(r.files).sort()).toEqual([...CIFAR10_BIN_FILES].sort());
    expect(r.files['test_batch.bin']).toEqual(fixtureBins()['test_batch.bin']);
    expect(seen.find((p) => p.stage === 'reading')?.total).toBe(archive.length);
    expect(seen.at(-1)).toMatchObject({ stage: 'rereading', loaded: archive.length, total: archive.length });
  });

  it('reports a truncated archive with the engine\'s message', async () => {
    const e = await fails(importCifar({ kind: 'files', files: [file(archive.subarray(0, archive.length >> 1), 'half.tar.gz')] }, () => {}));
    expect(e.message).toMatch(/^half\.tar\.gz: truncated or corrupt gzip data .*: the file ends after 3,053 bytes, the official cifar-10-binary\.tar\.gz has about 170 MB — download it again$/);
  });

  it('accepts the six .bin files chosen together (other files ignored), and names a short or missing one', async () => {
    const r = await importCifar({ kind: 'files', files: [...bins(), file(new Uint8Array(3), 'batches.meta.txt')] }, () => {});
    expect(r).toMatchObject({ recordsPerFile: 20, source: '6 .bin files' });
    const short = bins().map((f) => (f.name === 'data_batch_3.bin' ? file(new Uint8Array(3073 * 19), f.name) : f));
    expect((await fails(importCifar({ kind: 'files', files: short }, () => {}))).message)
      .toBe('data_batch_3.bin: 61,460 bytes expected (20 records of 3,073 bytes), got 58,387');
    expect((await fails(importCifar({ kind: 'files', files: bins().slice(1) }, () => {}))).message).toMatch(/^Missing CIFAR-10 file data_batch_1\.bin/);
  });

  it('refuses an archive mixed with other files, and a file that is not gzip', async () => {
    expect((await fails(importCifar({ kind: 'files', files: [file(archive, 'c.tar.gz'), ...bins()] }, () => {}))).message).toMatch(/either c\.tar\.gz alone or the six \.bin files/);
    expect((await fails(importCifar({ kind: 'files', files: [file(new TextEncoder().encode('hello'), 'notes.txt')] }, () => {}))).message).toMatch(/^notes\.txt: neither gzip \(0x1f 0x8b\) nor tar: it starts with 0x68 0x65/);
  });

  it('downloads an archive URL, or a folder of prepared .bin.gz files; an HTML answer is "not found"', async () => {
    const folder: Record<string, Uint8Array> = { 'https://x.org/a/cifar-10-binary.tar.gz': archive };
    for (const [name, b] of Object.entries(fixtureBins())) folder[`https://x.org/data/cifar10/${name}.gz`] = new Uint8Array(gzipSync(b));
    const fetchFn = fakeFetch(folder);
    expect(await importCifar({ kind: 'url', url: 'https://x.org/a/cifar-10-binary.tar.gz' }, () => {}, fetchFn)).toMatchObject({ recordsPerFile: 20 });
    const seen: ImportProgress[] = [];
    const r = await importCifar({ kind: 'url', url: 'https://x.org/data/cifar10' }, (p) => seen.push(p), fetchFn);
    expect(r.files['data_batch_5.bin']).toEqual(fixtureBins()['data_batch_5.bin']);
    expect(seen.at(-1)!.loaded).toBe(seen.at(-1)!.total);
    expect((await fails(importCifar({ kind: 'url', url: 'https://x.org/nothing/' }, () => {}, fetchFn))).message)
      .toBe('https://x.org/nothing/data_batch_1.bin.gz: not found (HTTP 200, a web page instead of data)');
  });
});

describe('runImportJob', () => {
  it('imports, stores and reports once done, with throttled progress', async () => {
    const posted: FromImporter[] = [];
    const cache = memoryDatasetCache();
    let t = 0;
    await runImportJob({ type: 'import', jobId: 7, source: { kind: 'files', files: bins() } }, { post: (m) => posted.push(m), cache, now: () => (t += 10), progressEveryMs: 25 });
    const done = posted.at(-1);
    expect(done).toMatchObject({ type: 'done', jobId: 7, info: { id: 'cifar10', recordsPerFile: 20, bytes: 6 * 20 * 3073, source: '6 .bin files' } });
    expect(posted.at(-2)).toMatchObject({ type: 'progress', stage: 'storing' });
    expect(posted.filter((m) => m.type === 'progress' && m.stage === 'reading').length).toBeLessThan(6);
    expect(await cache.info('cifar10')).toMatchObject({ recordsPerFile: 20 });
    expect((await cache.file('cifar10', 'data_batch_2.bin'))?.length).toBe(20 * 3073);
  });

  it('reports the engine\'s error with the file at fault, and stores nothing', async () => {
    const posted: FromImporter[] = [];
    const cache = memoryDatasetCache();
    const files = bins().map((f) => (f.name === 'test_batch.bin' ? file(new Uint8Array(10), f.name) : f));
    await runImportJob({ type: 'import', jobId: 1, source: { kind: 'files', files } }, { post: (m) => posted.push(m), cache });
    expect(posted.at(-1)).toEqual({ type: 'failed', jobId: 1, file: 'test_batch.bin', message: 'test_batch.bin: 61,460 bytes expected (20 records of 3,073 bytes), got 10' });
    expect(await cache.info('cifar10')).toBeNull();
  });

  it('asks before an archive that is not the official one replaces a stored import, and keeps it unless told', async () => {
    const cache = memoryDatasetCache();
    await runImportJob({ type: 'import', jobId: 1, source: { kind: 'files', files: bins() } }, { post: () => {}, cache });
    const run = async (answer: boolean | undefined) => {
      const posted: FromImporter[] = [];
      const asked: number[] = [];
      await runImportJob({ type: 'import', jobId: 3, source: { kind: 'files', files: [file(archive, 'copy.tar.gz')] } }, {
        post: (m) => posted.push(m), cache,
        confirmReplace: answer === undefined ? undefined : async () => (asked.push(posted.length), answer),
      });
      return { posted, asked };
    };
    for (const answer of [false, undefined]) {
      const { posted } = await run(answer);
      const confirm = posted.find((m) => m.type === 'confirm');
      expect(confirm).toMatchObject({ jobId: 3, message: expect.stringMatching(/copy\.tar\.gz is not byte-for-byte the official .* Replace the CIFAR-10 stored in this browser \(imported from 6 \.bin files\) with it\?$/) });
      expect(posted.at(-1)).toMatchObject({ type: 'kept', message: expect.stringMatching(/^Kept the CIFAR-10 stored in this browser \(imported from 6 \.bin files\); copy\.tar\.gz was not stored\.$/) });
      expect(await cache.info('cifar10')).toMatchObject({ source: '6 .bin files' });
    }
    const { posted, asked } = await run(true);
    expect(asked).toHaveLength(1);
    expect(posted.at(-1)).toMatchObject({ type: 'done', info: { source: 'copy.tar.gz', checksum: 'mismatch', md5: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(await cache.info('cifar10')).toMatchObject({ source: 'copy.tar.gz', checksum: 'mismatch' });
  });

  it('imports a plain .tar (the archive un-gzipped) and says its md5 could not be compared', async () => {
    const posted: FromImporter[] = [];
    const cache = memoryDatasetCache();
    const tar = new Uint8Array(gunzipSync(archive));
    await runImportJob({ type: 'import', jobId: 4, source: { kind: 'files', files: [file(tar, 'cifar-10-binary.tar')] } }, { post: (m) => posted.push(m), cache });
    expect(posted.at(-1)).toMatchObject({ type: 'done', info: { source: 'cifar-10-binary.tar', recordsPerFile: 20, checksum: 'unchecked' } });
    expect((await cache.info('cifar10'))?.warning).toMatch(/cifar-10-binary\.tar is a plain \.tar: the published md5 is that of cifar-10-binary\.tar\.gz/);
    expect(await cache.file('cifar10', 'test_batch.bin')).toEqual(fixtureBins()['test_batch.bin']);
  });

  it('says so when the browser will not store the files', async () => {
    const posted: FromImporter[] = [];
    const cache = { ...memoryDatasetCache(), save: async () => { throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' }); } };
    await runImportJob({ type: 'import', jobId: 2, source: { kind: 'files', files: bins() } }, { post: (m) => posted.push(m), cache });
    expect(posted.at(-1)).toMatchObject({ type: 'failed', message: expect.stringMatching(/would not store it \(QuotaExceededError: quota\)/) });
  });
});
