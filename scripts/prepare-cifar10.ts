/**
 * Prepares CIFAR-10 for the lab (`npm run data:cifar10`): downloads the
 * official binary archive (163 MB), checks every file, and writes the six
 * .bin files gzipped plus a manifest to public/data/cifar10/, where the page
 * fetches them and the CLI reads them. The archive is streamed straight into
 * the importer the page uses, so nothing but the output lands on disk.
 *
 *   npm run data:cifar10                      download and prepare
 *   npm run data:cifar10 -- --from FILE       prepare from a downloaded cifar-10-binary.tar.gz
 *   options: --force (rebuild), --out DIR, --url URL, --records N (test fixtures only)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CIFAR10_ARCHIVE, CIFAR10_BIN_FILES, CIFAR10_PREPARED, CIFAR10_RECORD_BYTES, CIFAR10_URL, checksumWarning, importCifarArchive, type ArchiveImport } from '../src/engine';
import { readCifarArchive } from '../src/node/cifar';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 >= argv.length) fail(`--${name} needs a value`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const outDir = resolve(opt('out') ?? join(root, 'public', 'data', 'cifar10'));
const from = opt('from');
const url = opt('url') ?? CIFAR10_URL;
const records = opt('records') ? Number(opt('records')) : undefined;
const manifestPath = join(outDir, 'manifest.json');

function fail(msg: string): never {
  console.error(`prepare-cifar10: ${msg}`);
  process.exit(1);
}

/** A one-line progress report: redrawn in place on a terminal, every 10 % otherwise. */
function progress(what: string): (loaded: number, total: number) => void {
  let lastTenth = -1;
  return (loaded, total) => {
    const pct = total > 0 ? Math.min(100, (100 * loaded) / total) : 0;
    const line = `prepare-cifar10: ${what} ${(loaded / 1e6).toFixed(1)} MB${total > 0 ? ` of ${(total / 1e6).toFixed(1)} MB (${pct.toFixed(0)} %)` : ''}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
    else if (Math.floor(pct / 10) > lastTenth) {
      lastTenth = Math.floor(pct / 10);
      console.error(line);
    }
  };
}

async function download(): Promise<ArchiveImport> {
  const handOff = `download it by hand (${CIFAR10_URL}) and run \`npm run data:cifar10 -- --from FILE\``;
  // Fail fast when offline: give up if the server has not answered within 20 s.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error('no answer within 20 s')), 20_000);
  let res: Response;
  try {
    res = await fetch(url, { signal: abort.signal });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    fail(`offline / cannot reach ${url} (${cause?.code ?? cause?.message ?? (e as Error).message}) — ${handOff}`);
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) fail(`${url} answered HTTP ${res.status} ${res.statusText} — ${handOff}`);
  console.log(`prepare-cifar10: downloading ${url}`);
  return importCifarArchive(res.body as ReadableStream<Uint8Array>, Number(res.headers.get('content-length') ?? 0), progress('downloaded'), { recordsPerFile: records });
}

async function main(): Promise<void> {
  if (!argv.includes('--force') && !from && existsSync(manifestPath) && Object.values(CIFAR10_PREPARED).every((f) => existsSync(join(outDir, f)))) {
    console.log(`prepare-cifar10: CIFAR-10 already prepared in ${outDir} (add --force to rebuild)`);
    return;
  }
  if (records !== undefined && !(Number.isInteger(records) && records > 0)) fail('--records expects a positive whole number');
  if (from && !existsSync(from)) fail(`${from}: no such file — pass the cifar-10-binary.tar.gz you downloaded from ${CIFAR10_URL}`);
  let archive: ArchiveImport;
  try {
    archive = from ? await readCifarArchive(from, progress('read'), records) : await download();
  } catch (e) {
    fail(`${(e as Error).message}${from ? '' : ` — if this keeps happening, download ${CIFAR10_URL} by hand and run \`npm run data:cifar10 -- --from FILE\``}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const files = archive.files;
  const warning = checksumWarning(archive, from ? basename(from) : CIFAR10_ARCHIVE);
  if (warning) console.error(`prepare-cifar10: warning: ${warning}`);
  mkdirSync(outDir, { recursive: true });
  const manifest = { source: from ? `file:${from}` : url, archiveMd5: archive.md5, checksum: archive.checksum, records: {} as Record<string, number>, files: {} as Record<string, object> };
  for (const name of CIFAR10_BIN_FILES) {
    const raw = files[name];
    // The pixels barely compress; gzip still saves ~10 % and matches the MNIST files' handling.
    const gz = gzipSync(raw, { level: 6 });
    writeFileSync(join(outDir, CIFAR10_PREPARED[name]), gz);
    manifest.records[name] = raw.length / CIFAR10_RECORD_BYTES;
    manifest.files[CIFAR10_PREPARED[name]] = { rawBytes: raw.length, gzBytes: gz.length, sha256: createHash('sha256').update(raw).digest('hex') };
    console.log(`prepare-cifar10: ${CIFAR10_PREPARED[name]}  ${(raw.length / 1e6).toFixed(1)} MB → ${(gz.length / 1e6).toFixed(1)} MB`);
  }
  // Written last: its presence marks a complete preparation.
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`prepare-cifar10: wrote ${outDir}`);
}

main().catch((e) => fail((e as Error).stack ?? String(e)));
