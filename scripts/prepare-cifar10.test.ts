import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cifar10Entry, CIFAR10_BIN_FILES } from '../src/engine/data/cifar10';
import { FIXTURE_ARCHIVE, FIXTURE_DIR, FIXTURE_RECORDS } from '../src/engine/data/cifar10Fixture';
import { loadDataset, registerDataset } from '../src/engine/data/registry';
import { diskReader } from '../src/node/files';

const run = promisify(execFile);
const tsx = resolve('node_modules/.bin/tsx');
const script = resolve('scripts/prepare-cifar10.ts');
const tmp = mkdtempSync(join(tmpdir(), 'prep-cifar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A port that was free a moment ago: bind to port 0, note the port, close. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

async function prepare(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], { timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('npm run data:cifar10', () => {
  it('fails fast and says what to do when the download server cannot be reached', async () => {
    const t0 = Date.now();
    // A loopback port nobody listens on refuses at once, with or without a network.
    const port = await closedPort();
    const { code, out } = await prepare('--url', `http://127.0.0.1:${port}/cifar-10-binary.tar.gz`, '--out', join(tmp, 'none'));
    expect(code).toBe(1);
    expect(out).toMatch(/offline \/ cannot reach http:\/\/127\.0\.0\.1:\d+\/cifar-10-binary\.tar\.gz \(ECONNREFUSED\) — download it by hand .* and run `npm run data:cifar10 -- --from FILE`/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(existsSync(join(tmp, 'none'))).toBe(false);
  });

  it('prepares the gzipped .bin files and a manifest from a local archive (--from)', async () => {
    const out = join(tmp, 'data', 'cifar10');
    const res = await prepare('--from', resolve(FIXTURE_DIR, FIXTURE_ARCHIVE), '--out', out, '--records', String(FIXTURE_RECORDS));
    expect(res.code, res.out).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.files)).toEqual(CIFAR10_BIN_FILES.map((f) => `${f}.gz`));
    expect(Object.values(manifest.records)).toEqual(Array(6).fill(FIXTURE_RECORDS));
    registerDataset('cifar10-prepared-fx', cifar10Entry(FIXTURE_RECORDS, 'cifar10'));
    const ds = await loadDataset('cifar10-prepared-fx', diskReader(join(tmp, 'data')), { valSize: 20 });
    expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([80, 20, 20]);
    // Without --records the real counts are required, and the error names the file.
    const strict = await prepare('--from', resolve(FIXTURE_DIR, FIXTURE_ARCHIVE), '--out', join(tmp, 'strict'));
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/data_batch_1\.bin: 30,730,000 bytes expected \(10,000 records of 3,073 bytes\), got 61,460/);
  });
});
