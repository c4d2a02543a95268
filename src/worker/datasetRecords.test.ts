import { describe, expect, it } from 'vitest';
import { inferRecordsPerFile } from './datasetRecords';

const R = 3073;

describe('inferRecordsPerFile', () => {
  it('reads the official 10,000 records per file without a warning', () => {
    expect(inferRecordsPerFile(Array(6).fill(10_000 * R))).toEqual({ records: 10_000, official: true });
  });

  it('accepts six equal files of another whole number of records, with a warning', () => {
    const g = inferRecordsPerFile(Array(6).fill(20 * R));
    expect(g).toMatchObject({ records: 20, official: false });
    expect(g.warning).toMatch(/20 records instead of the official 10,000.*100 training and 20 test images/);
  });

  it('takes the size most files share, so the strict check names the odd one out', () => {
    expect(inferRecordsPerFile([20 * R, 20 * R, 20 * R, 20 * R, 20 * R, 1000])).toEqual({ records: 20, official: false });
    expect(inferRecordsPerFile([20 * R, 20 * R, 20 * R, 20 * R, 19 * R, 20 * R])).toEqual({ records: 20, official: false });
  });

  it('prefers the official count on a tie, and falls back to it when no size is a whole number of records', () => {
    expect(inferRecordsPerFile([10_000 * R, 10_000 * R, 10_000 * R, 20 * R, 20 * R, 20 * R]).records).toBe(10_000);
    expect(inferRecordsPerFile([5 * R, 5 * R, 7 * R, 7 * R, 1, 2]).records).toBe(7);
    expect(inferRecordsPerFile([100, 200, 300, 0, 0, 0])).toEqual({ records: 10_000, official: true });
    expect(inferRecordsPerFile([])).toEqual({ records: 10_000, official: true });
  });

  it('does not mistake CIFAR-100 records (3,074 bytes) for CIFAR-10', () => {
    expect(inferRecordsPerFile(Array(6).fill(10_000 * 3074)).records).toBe(10_000);
  });
});
