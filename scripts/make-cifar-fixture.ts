/**
 * Writes the CIFAR-10 test fixture: a small archive in the exact format of
 * cifar-10-binary.tar.gz (20 records per file instead of 10,000; see
 * src/engine/data/cifar10Fixture.ts) plus its extracted .bin files.
 * Deterministic, so rerunning it leaves the committed files unchanged.
 *
 *   npx tsx scripts/make-cifar-fixture.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { FIXTURE_ARCHIVE, FIXTURE_DIR, fixtureBins, fixtureTar } from '../src/engine';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, FIXTURE_DIR);
const bins = fixtureBins();
mkdirSync(join(out, 'cifar-10-batches-bin'), { recursive: true });
// Node writes gzip headers with mtime 0 and no file name, so the bytes are reproducible.
const gz = gzipSync(fixtureTar(bins), { level: 9 });
writeFileSync(join(out, FIXTURE_ARCHIVE), gz);
for (const [name, bytes] of Object.entries(bins)) writeFileSync(join(out, 'cifar-10-batches-bin', name), bytes);
const total = Object.values(bins).reduce((a, b) => a + b.length, 0);
console.log(`make-cifar-fixture: ${FIXTURE_ARCHIVE} ${gz.length.toLocaleString('en-US')} bytes, six .bin files ${total.toLocaleString('en-US')} bytes → ${out}`);
