import type { DatasetEntry, FileReader } from './types';
import { splitDataset } from './split';
import type { Dataset, RawDataset, SplitOptions } from './types';
import { DataError } from './types';

/**
 * CIFAR-10, binary version (https://www.cs.toronto.edu/~kriz/cifar.html):
 * six files of 10,000 records, each record 1 label byte then 3,072 pixel
 * bytes in CHW order (1,024 red, 1,024 green, 1,024 blue, rows of 32).
 * The engine stores images HWC, so records are transposed once on load.
 */
export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
export const CIFAR10_ARCHIVE = 'cifar-10-binary.tar.gz';
/** The md5 of cifar-10-binary.tar.gz as published on the CIFAR page: the only checksum the format has. */
export const CIFAR10_ARCHIVE_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
export const CIFAR10_TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
export const CIFAR10_TEST_FILE = 'test_batch.bin';
export const CIFAR10_BIN_FILES = [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE];
export const CIFAR10_IMAGE_BYTES = 32 * 32 * 3;
export const CIFAR10_RECORD_BYTES = 1 + CIFAR10_IMAGE_BYTES;
/**
 * Records per file in the real distribution. Every function takes the count
 * as a parameter because the test fixture holds fewer; the record *size* is
 * always checked strictly.
 */
export const CIFAR10_RECORDS_PER_FILE = 10_000;

/** The six .bin files by base name, as in the archive (raw bytes). */
export type CifarFiles = Record<string, Uint8Array>;

export const CIFAR10_META: Omit<Dataset, 'train' | 'val' | 'test'> = {
  id: 'cifar10',
  name: 'CIFAR-10',
  inputShape: [32, 32, 3],
  numClasses: 10,
  // The order of batches.meta.txt in the archive.
  classNames: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
  // Per-channel mean and std of the 50k training pixels (/255); fixed constants, so every split normalises alike.
  mean: [0.4914, 0.4822, 0.4465],
  std: [0.247, 0.2435, 0.2616],
};

/** How the CLI and the deploy step get the data; quoted in every CIFAR-10 data error. */
export const CIFAR10_HOW_TO_GET =
  `npm run data:cifar10 (downloads and prepares public/data/cifar10), or download ${CIFAR10_URL} yourself and pass --data path/to/${CIFAR10_ARCHIVE}`;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Checks one .bin file: exact size for `records` records, and every label in 0–9. */
export function checkCifarBin(bytes: Uint8Array, file: string, records = CIFAR10_RECORDS_PER_FILE): void {
  const want = records * CIFAR10_RECORD_BYTES;
  if (bytes.length !== want) {
    // CIFAR-100's binary records carry two label bytes: a common mix-up worth naming.
    const hint = bytes.length > 0 && bytes.length % (CIFAR10_RECORD_BYTES + 1) === 0 ? ' — 3,074-byte records look like CIFAR-100; this needs CIFAR-10' : '';
    throw new DataError(
      `${file}: ${fmt(want)} bytes expected (${fmt(records)} records of ${fmt(CIFAR10_RECORD_BYTES)} bytes), got ${fmt(bytes.length)}${hint}`,
      file,
    );
  }
  for (let r = 0; r < records; r++) {
    const label = bytes[r * CIFAR10_RECORD_BYTES];
    if (label > 9) throw new DataError(`${file}: record ${fmt(r)} has label ${label}; CIFAR-10 labels are 0–9 (is the file corrupt?)`, file);
  }
}

/**
 * Accepts already-extracted .bin files (from a folder or a file picker):
 * keys may be bare names or paths like "cifar-10-batches-bin/data_batch_1.bin".
 * Checks that all six are present, sized and labelled correctly.
 */
export function cifarFromBinFiles(files: Record<string, Uint8Array>, records = CIFAR10_RECORDS_PER_FILE): CifarFiles {
  const byName: CifarFiles = {};
  for (const [path, bytes] of Object.entries(files)) {
    const base = path.split(/[\\/]/).pop()!;
    if (CIFAR10_BIN_FILES.includes(base)) byName[base] = bytes;
  }
  const missing = CIFAR10_BIN_FILES.filter((f) => !byName[f]);
  if (missing.length) {
    throw new DataError(`Missing CIFAR-10 file${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected the six .bin files of ${CIFAR10_ARCHIVE} (${CIFAR10_BIN_FILES.join(', ')})`, missing[0]);
  }
  for (const f of CIFAR10_BIN_FILES) checkCifarBin(byName[f], f, records);
  return byName;
}

/** Transposes the records of one file into HWC images and labels at `at` (an example index). */
function unpack(bytes: Uint8Array, records: number, x: Uint8Array, y: Uint8Array, at: number): void {
  const plane = 1024;
  for (let r = 0; r < records; r++) {
    const s = r * CIFAR10_RECORD_BYTES;
    y[at + r] = bytes[s];
    const o = (at + r) * CIFAR10_IMAGE_BYTES;
    for (let p = 0; p < plane; p++) {
      x[o + 3 * p] = bytes[s + 1 + p];
      x[o + 3 * p + 1] = bytes[s + 1 + plane + p];
      x[o + 3 * p + 2] = bytes[s + 1 + 2 * plane + p];
    }
  }
}

/** The five training files concatenated in order, and the test file, as HWC bytes. */
export function cifarRaw(files: CifarFiles, records = CIFAR10_RECORDS_PER_FILE): RawDataset {
  for (const f of CIFAR10_BIN_FILES) {
    if (!files[f]) throw new DataError(`Missing CIFAR-10 file ${f}`, f);
    checkCifarBin(files[f], f, records);
  }
  const nTrain = CIFAR10_TRAIN_FILES.length * records;
  const trainX = new Uint8Array(nTrain * CIFAR10_IMAGE_BYTES);
  const trainY = new Uint8Array(nTrain);
  CIFAR10_TRAIN_FILES.forEach((f, i) => unpack(files[f], records, trainX, trainY, i * records));
  const testX = new Uint8Array(records * CIFAR10_IMAGE_BYTES);
  const testY = new Uint8Array(records);
  unpack(files[CIFAR10_TEST_FILE], records, testX, testY, 0);
  return { trainX, trainY, testX, testY };
}

/**
 * The engine Dataset straight from .bin files (what the page calls after an
 * import): 45k/5k/10k for the real data with the default split.
 */
export function cifarDataset(files: CifarFiles, split: Partial<SplitOptions> = {}, records = CIFAR10_RECORDS_PER_FILE): Dataset {
  return splitDataset(CIFAR10_META, cifarRaw(files, records), { valSize: 5000, splitSeed: 0, ...split });
}

/** Prepared file names: each .bin gzipped (public/data/cifar10/data_batch_1.bin.gz …). */
export const CIFAR10_PREPARED = Object.fromEntries(CIFAR10_BIN_FILES.map((f) => [f, `${f}.gz`]));

/**
 * The registry entry. `records` is 10,000 for the real data; tests register a
 * fixture variant with fewer records per file under another id and folder.
 */
export function cifar10Entry(records = CIFAR10_RECORDS_PER_FILE, folder = 'cifar10'): DatasetEntry {
  return {
    meta: CIFAR10_META,
    folder,
    files: CIFAR10_PREPARED,
    prepareCommand: CIFAR10_HOW_TO_GET,
    parse: (f) => cifarRaw(f, records),
    valSize: 5000,
  };
}

/**
 * A FileReader serving the prepared names ("cifar10/data_batch_1.bin.gz")
 * from .bin files in memory, so `loadDataset('cifar10', cifarFilesReader(files))`
 * works after an archive import. The bytes are not gzipped; loadDataset
 * passes non-gzip bytes through unchanged.
 */
export function cifarFilesReader(files: CifarFiles, folder = 'cifar10'): FileReader {
  return async (file, onProgress) => {
    const name = file.startsWith(`${folder}/`) ? file.slice(folder.length + 1).replace(/\.gz$/, '') : '';
    const bytes = files[name];
    if (!bytes) throw new DataError(`${file} is not part of the imported CIFAR-10 files`, file);
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  };
}
