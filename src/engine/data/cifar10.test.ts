import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkCifarBin, CIFAR10_ARCHIVE_MD5, CIFAR10_BIN_FILES, cifar10Entry, cifarDataset, cifarFilesReader, cifarFromBinFiles, cifarRaw } from './cifar10';
import { checksumWarning, importCifarArchive } from './cifar10Archive';
import { createHash } from 'node:crypto';
import { chunkedStream, FIXTURE_ARCHIVE, FIXTURE_DIR, FIXTURE_RECORDS, fixtureBins, fixtureHwc, fixtureLabel, fixtureTar } from './cifar10Fixture';
import { loadDataset, registerDataset } from './registry';
import { writeTar } from './tarWriter';

const R = FIXTURE_RECORDS;
const archive = new Uint8Array(readFileSync(join(FIXTURE_DIR, FIXTURE_ARCHIVE)));
const importArchive = (bytes: Uint8Array, chunk = 4096, fileName = 'a.tar.gz') => importCifarArchive(chunkedStream(bytes, chunk), bytes.length, undefined, { recordsPerFile: R, fileName });
const importBytes = async (bytes: Uint8Array, chunk = 4096) => (await importArchive(bytes, chunk)).files;
const gz = (b: Uint8Array) => new Uint8Array(gzipSync(b));
/** Byte equality without vitest's slow element-by-element diff of 60 KB arrays. */
const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

describe('CIFAR-10 fixture archive', () => {
  it('is up to date with its generator (npx tsx scripts/make-cifar-fixture.ts)', async () => {
    const files = await importBytes(archive);
    expect(Object.keys(files).sort()).toEqual([...CIFAR10_BIN_FILES].sort());
    for (const [name, bytes] of Object.entries(fixtureBins())) expect(same(files[name], bytes), name).toBe(true);
  });

  it('imports with progress in compressed bytes, and reports how long it takes', async () => {
    const seen: number[] = [];
    const t0 = performance.now();
    const { files } = await importCifarArchive(chunkedStream(archive, 500), archive.length, (loaded, total) => {
      expect(total).toBe(archive.length);
      seen.push(loaded);
    }, { recordsPerFile: R });
    const ms = performance.now() - t0;
    console.log(`CIFAR-10 fixture import (${archive.length.toLocaleString('en-US')} B archive, 6 × ${R} records): ${ms.toFixed(1)} ms`);
    expect(Object.keys(files)).toHaveLength(6);
    expect(seen.at(-1)).toBe(archive.length);
    expect(seen.every((v, i) => i === 0 || v > seen[i - 1])).toBe(true);
  });

  it('converts CHW records to HWC images with the right labels, in file order', async () => {
    const raw = cifarRaw(await importBytes(archive, 333), R);
    expect([raw.trainX.length, raw.trainY.length, raw.testX.length, raw.testY.length]).toEqual([5 * R * 3072, 5 * R, R * 3072, R]);
    let mismatches = 0;
    for (let f = 0; f < 6; f++) {
      for (let r = 0; r < R; r++) {
        const [x, y, i] = f < 5 ? [raw.trainX, raw.trainY, f * R + r] : [raw.testX, raw.testY, r];
        const want = fixtureHwc(f, r);
        x.subarray(i * 3072, (i + 1) * 3072).forEach((v, k) => void (v !== want[k] && mismatches++));
        expect(y[i]).toBe(fixtureLabel(f, r));
      }
    }
    expect(mismatches).toBe(0);
    // Spot-check the layout by hand: image 0, pixel (row 1, col 2) = R, G, B planes at offset 32 + 2.
    const bin = fixtureBins()['data_batch_1.bin'];
    expect(Array.from(raw.trainX.subarray((32 + 2) * 3, (32 + 2) * 3 + 3))).toEqual([bin[1 + 34], bin[1 + 1024 + 34], bin[1 + 2048 + 34]]);
    expect(new Set(raw.trainY).size).toBe(10);
  });

  it('accepts the extracted .bin files, by name or by path', () => {
    const dir = join(FIXTURE_DIR, 'cifar-10-batches-bin');
    const files = Object.fromEntries(readdirSync(dir).map((f) => [`cifar-10-batches-bin/${f}`, new Uint8Array(readFileSync(join(dir, f)))]));
    const bins = cifarFromBinFiles(files, R);
    for (const [name, bytes] of Object.entries(fixtureBins())) expect(same(bins[name], bytes), name).toBe(true);
    expect(() => cifarFromBinFiles({ 'data_batch_1.bin': bins['data_batch_1.bin'] }, R)).toThrow(
      /Missing CIFAR-10 files data_batch_2\.bin, data_batch_3\.bin, data_batch_4\.bin, data_batch_5\.bin, test_batch\.bin/,
    );
  });

  it('splits 45k/5k-style through splitDataset and loads through the registry', async () => {
    const files = fixtureBins();
    const ds = cifarDataset(files, { valSize: 20 }, R);
    expect([ds.train.n, ds.val.n, ds.test.n, ds.inputShape, ds.mean, ds.std]).toEqual([80, 20, 20, [32, 32, 3], [0.4914, 0.4822, 0.4465], [0.247, 0.2435, 0.2616]]);
    registerDataset('cifar10-fixture', cifar10Entry(R, 'cifar10-fixture'));
    const viaRegistry = await loadDataset('cifar10-fixture', cifarFilesReader(files, 'cifar10-fixture'), { valSize: 20 });
    expect(viaRegistry.val).toEqual(ds.val);
    expect(viaRegistry.train.y).toEqual(ds.train.y);
  });
});

describe('CIFAR-10 errors name the file and what was expected', () => {
  const bins = fixtureBins();
  const withBin = (name: string, bytes: Uint8Array) => gz(fixtureTar({ ...bins, [name]: bytes }));

  it('wrong record size, with the real and the fixture record counts', async () => {
    expect(() => checkCifarBin(new Uint8Array(1234), 'data_batch_3.bin')).toThrow(
      'data_batch_3.bin: 30,730,000 bytes expected (10,000 records of 3,073 bytes), got 1,234',
    );
    await expect(importBytes(withBin('data_batch_3.bin', new Uint8Array(1234)))).rejects.toThrow(
      'data_batch_3.bin: 61,460 bytes expected (20 records of 3,073 bytes), got 1,234',
    );
    // The real archive must hold 10,000 records per file: the fixture fails the default check.
    await expect(importCifarArchive(chunkedStream(archive, 4096), archive.length)).rejects.toThrow(/data_batch_1\.bin: 30,730,000 bytes expected .* got 61,460/);
    expect(() => checkCifarBin(new Uint8Array(3074 * R), 'x.bin', R)).toThrow(/look like CIFAR-100/);
  });

  it('bad label', async () => {
    const bad = bins['test_batch.bin'].slice();
    bad[5 * 3073] = 12;
    await expect(importBytes(withBin('test_batch.bin', bad))).rejects.toThrow('test_batch.bin: record 5 has label 12; CIFAR-10 labels are 0–9');
  });

  it('missing member, and the Python version of the archive', async () => {
    await expect(importBytes(gz(fixtureTar(bins, ['data_batch_4.bin'])))).rejects.toThrow(
      /a\.tar\.gz: missing member cifar-10-batches-bin\/data_batch_4\.bin; expected data_batch_1\.bin, .*found 8 members/,
    );
    const py = gz(writeTar([{ name: 'cifar-10-batches-py/' }, { name: 'cifar-10-batches-py/data_batch_1', data: new Uint8Array(10) }]));
    await expect(importBytes(py)).rejects.toThrow(/missing member .*and 5 more.*Python version; the lab needs the binary version/);
  });

  it('compares the archive md5 with the official one: the fixture and a one-byte change both differ', async () => {
    const a = await importArchive(archive);
    expect(a).toMatchObject({ compressed: true, checksum: 'mismatch' });
    expect(a.md5).toBe(createHash('md5').update(archive).digest('hex'));
    expect(checksumWarning(a, 'a.tar.gz')).toMatch(new RegExp(`a\\.tar\\.gz is not byte-for-byte the official cifar-10-binary\\.tar\\.gz: its md5 is ${a.md5}, the published one is ${CIFAR10_ARCHIVE_MD5}`));
    // One flipped pixel byte in a batch: every size and label check still passes, only the md5 tells.
    const tar = fixtureTar(bins);
    tar[4096] ^= 1;
    const flipped = await importArchive(gz(tar));
    expect(flipped.checksum).toBe('mismatch');
    expect(flipped.md5).not.toBe(a.md5);
  });

  it('accepts the plain .tar (already un-gzipped): same files, md5 not comparable', async () => {
    const tar = fixtureTar(bins);
    const plain = await importArchive(tar, 1000, 'cifar-10-binary.tar');
    expect(plain).toMatchObject({ compressed: false, checksum: 'unchecked' });
    for (const [name, bytes] of Object.entries(bins)) expect(same(plain.files[name], bytes), name).toBe(true);
    expect(checksumWarning(plain, 'cifar-10-binary.tar')).toMatch(/is a plain \.tar: the published md5 is that of cifar-10-binary\.tar\.gz/);
    expect(checksumWarning({ md5: CIFAR10_ARCHIVE_MD5, checksum: 'official' }, 'x')).toBeNull();
  });

  it('neither gzip nor tar, empty, truncated, bad tar checksum', async () => {
    await expect(importBytes(new TextEncoder().encode('hello, not an archive'.repeat(40)))).rejects.toThrow('a.tar.gz: neither gzip (0x1f 0x8b) nor tar: it starts with 0x68 0x65');
    await expect(importBytes(new Uint8Array(0))).rejects.toThrow(/a\.tar\.gz: the file is empty/);
    const cut = archive.length >> 1;
    // The message counts the bytes the file really has, once, and says what a whole archive holds.
    await expect(importBytes(archive.subarray(0, cut), 256)).rejects.toThrow(
      new RegExp(`^a\\.tar\\.gz: truncated or corrupt gzip data \\(.*\\): the file ends after ${cut.toLocaleString('en-US')} bytes, the official cifar-10-binary\\.tar\\.gz has about 170 MB`),
    );
    // Cut inside the tar but with a valid gzip around it: the tar reader names the member.
    await expect(importBytes(gz(fixtureTar(bins).subarray(0, 100_000)))).rejects.toThrow(/a\.tar\.gz: truncated archive — it ends inside cifar-10-batches-bin\/data_batch_2\.bin/);
    const tar = fixtureTar(bins);
    // Blocks: directory header, batches.meta.txt header and body, then data_batch_1.bin's header at 1,536.
    tar[1536 + 30] ^= 1;
    await expect(importBytes(gz(tar))).rejects.toThrow(/a\.tar\.gz: bad tar header checksum at byte 1,536 \(after cifar-10-batches-bin\/batches\.meta\.txt\)/);
  });

  it('a missing prepared dataset says how to get it', async () => {
    const reader = async (file: string) => {
      throw new Error(`Missing data file /nowhere/${file}`);
    };
    await expect(loadDataset('cifar10', reader)).rejects.toThrow(
      /data_batch_1\.bin\.gz.*npm run data:cifar10 .*download https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar-10-binary\.tar\.gz yourself and pass --data/,
    );
  });
});
