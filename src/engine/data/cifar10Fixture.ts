import { CIFAR10_BIN_FILES, CIFAR10_IMAGE_BYTES, CIFAR10_META, CIFAR10_RECORD_BYTES, type CifarFiles } from './cifar10';
import { writeTar } from './tarWriter';

/**
 * The CIFAR-10 test fixture (e2e/fixtures/cifar10/, written by
 * scripts/make-cifar-fixture.ts): the real archive layout and record format,
 * but only FIXTURE_RECORDS records per file — 100 training images in five
 * data batches and 20 test images, 120 in all, so the committed files stay
 * under 400 KB. Pixels and labels follow formulas, so tests can check every
 * byte of the CHW → HWC conversion.
 */
export const FIXTURE_RECORDS = 20;
export const FIXTURE_DIR = 'e2e/fixtures/cifar10';
export const FIXTURE_ARCHIVE = 'cifar-10-fixture.tar.gz';

/** Global image number: file index (0–4 data batches, 5 test batch) × records + record. */
const imageNo = (file: number, record: number) => file * FIXTURE_RECORDS + record;

/** Every class appears in every file (7 is coprime with 10). */
export function fixtureLabel(file: number, record: number): number {
  return (imageNo(file, record) * 7 + 3) % 10;
}

/** Differs across channels, rows, columns and images, so any layout mix-up shows. */
export function fixturePixel(file: number, record: number, c: number, y: number, x: number): number {
  return (imageNo(file, record) * 29 + c * 85 + y * 7 + x * 3 + fixtureLabel(file, record) * 11) & 255;
}

/** One .bin file in the official format: label byte, then R, G and B planes of 32×32. */
export function fixtureBin(file: number, records = FIXTURE_RECORDS): Uint8Array {
  const out = new Uint8Array(records * CIFAR10_RECORD_BYTES);
  for (let r = 0; r < records; r++) {
    const s = r * CIFAR10_RECORD_BYTES;
    out[s] = fixtureLabel(file, r);
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) out[s + 1 + c * 1024 + y * 32 + x] = fixturePixel(file, r, c, y, x);
    }
  }
  return out;
}

export function fixtureBins(): CifarFiles {
  return Object.fromEntries(CIFAR10_BIN_FILES.map((f, i) => [f, fixtureBin(i)]));
}

/** The tar (not yet gzipped) with the same members, in the same folder, as cifar-10-binary.tar.gz. */
export function fixtureTar(bins: CifarFiles = fixtureBins(), omit: string[] = []): Uint8Array {
  const dir = 'cifar-10-batches-bin/';
  const text = (s: string) => new TextEncoder().encode(s);
  const entries = [
    { name: dir },
    { name: `${dir}batches.meta.txt`, data: text(CIFAR10_META.classNames.join('\n') + '\n\n') },
    ...CIFAR10_BIN_FILES.filter((f) => f !== 'test_batch.bin').map((f) => ({ name: dir + f, data: bins[f] })),
    { name: `${dir}readme.html`, data: text('<p>Sparse Lab CIFAR-10 test fixture: the real format, fewer records.</p>\n') },
    { name: `${dir}test_batch.bin`, data: bins['test_batch.bin'] },
  ];
  return writeTar(entries.filter((e) => !omit.some((o) => e.name.endsWith(o))));
}

/** Expected HWC bytes of one fixture image, as the engine stores it. */
export function fixtureHwc(file: number, record: number): Uint8Array {
  const out = new Uint8Array(CIFAR10_IMAGE_BYTES);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) for (let c = 0; c < 3; c++) out[(y * 32 + x) * 3 + c] = fixturePixel(file, record, c, y, x);
  }
  return out;
}

/** A stream handing out `bytes` in chunks of `size`, as a file or fetch would (1 byte hits every boundary). */
export function chunkedStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(ctl) {
      if (at >= bytes.length) return ctl.close();
      ctl.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}
