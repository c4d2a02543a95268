import { describe, expect, it } from 'vitest';
import { eta, formatBytes, formatDuration, formatRate } from './format';
import { errorText } from './data/cifarText';
import { masksDigest } from './debugHook';

describe('formatting', () => {
  it('writes durations for a progress bar', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });

  it('estimates the time left only from a known rate', () => {
    expect(eta(100, 20)).toBe(5);
    expect(eta(100, 0)).toBeNull();
    expect(eta(-5, 10)).toBe(0);
  });

  it('formats bytes and rates', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(9_612_640)).toBe('9.6 MB');
    expect(formatBytes(170_052_171)).toBe('170.1 MB');
    expect(formatRate(950.4)).toBe('950');
    expect(formatRate(12_345)).toBe('12.3 k');
  });
});

describe('masksDigest', () => {
  it('changes when one bit changes and ignores key order', () => {
    const a = { x: new Uint8Array([1, 0, 1]), y: new Uint8Array([1]) };
    const b = { y: new Uint8Array([1]), x: new Uint8Array([1, 0, 1]) };
    expect(masksDigest(a)).toBe(masksDigest(b));
    expect(masksDigest({ ...a, x: new Uint8Array([1, 1, 1]) })).not.toBe(masksDigest(a));
  });
});

describe('errorText', () => {
  it('names the file once: the title has it, the engine\'s "name: " prefix is dropped', () => {
    const e = errorText({ source: 'half.tar.gz', message: 'half.tar.gz: truncated or corrupt gzip data: the file ends after 3,053 bytes' });
    expect(e.title).toBe('Could not import half.tar.gz');
    expect(e.detail).toBe('truncated or corrupt gzip data: the file ends after 3,053 bytes.');
    expect(errorText({ source: 'https://x.org/d/c.tar.gz', message: 'c.tar.gz: not found' }).detail).toBe('not found.');
    expect(errorText({ source: '6 .bin files', message: 'data_batch_3.bin: 61,460 bytes expected' }).detail).toBe('data_batch_3.bin: 61,460 bytes expected.');
  });
});
