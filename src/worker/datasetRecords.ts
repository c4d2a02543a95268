import { CIFAR10_RECORD_BYTES, CIFAR10_RECORDS_PER_FILE } from '../engine/spec';

export interface RecordsGuess {
  /** Records per .bin file to check the files against. */
  records: number;
  /** False when the files hold fewer (or more) records than the official 10,000. */
  official: boolean;
  /** Set when all files agree on an unofficial count: the import is accepted, but it is not the real CIFAR-10. */
  warning?: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Records per CIFAR-10 .bin file, inferred from the six files' sizes, so the
 * 20-record test fixture (or a deliberate subset) imports without a setting.
 * The count is the size most files share, when that size is a whole number
 * of 3,073-byte records (ties prefer the official 10,000, then the larger):
 * the engine's strict check then names the one file that differs, with the
 * size the others have. With no such size, the official count, so the
 * engine's message says what a real file should hold.
 */
export function inferRecordsPerFile(sizes: readonly number[]): RecordsGuess {
  const counts = new Map<number, number>();
  for (const s of sizes) {
    if (s > 0 && s % CIFAR10_RECORD_BYTES === 0) counts.set(s / CIFAR10_RECORD_BYTES, (counts.get(s / CIFAR10_RECORD_BYTES) ?? 0) + 1);
  }
  const official = (r: number) => Number(r === CIFAR10_RECORDS_PER_FILE);
  const ranked = [...counts].sort(([ra, na], [rb, nb]) => nb - na || official(rb) - official(ra) || rb - ra);
  const records = ranked[0]?.[0] ?? CIFAR10_RECORDS_PER_FILE;
  const isOfficial = records === CIFAR10_RECORDS_PER_FILE;
  const agree = sizes.length > 0 && sizes.every((s) => s === records * CIFAR10_RECORD_BYTES);
  if (isOfficial || !agree) return { records, official: isOfficial };
  return {
    records,
    official: false,
    warning:
      `Each file holds ${fmt(records)} record${records === 1 ? '' : 's'} instead of the official ${fmt(CIFAR10_RECORDS_PER_FILE)}: ` +
      `this is a subset or a test fixture (${fmt(records * 5)} training and ${fmt(records)} test images), not the full CIFAR-10, ` +
      'so accuracies will not match the paper.',
  };
}
