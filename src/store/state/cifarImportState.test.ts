import { describe, expect, it } from 'vitest';
import { cifarUsable, initialCifarState, jobFraction, reduceCifar, type CifarEvent, type CifarState } from './cifarImportState';

const info = { id: 'cifar10', source: 'a.tar.gz', recordsPerFile: 10_000, bytes: 184_380_000, importedAt: 1, seconds: 3 };
const run = (...events: CifarEvent[]) => events.reduce<CifarState>(reduceCifar, initialCifarState);

describe('reduceCifar (the CIFAR-10 import state machine)', () => {
  it('starts checking, then knows where CIFAR-10 comes from', () => {
    expect(initialCifarState.availability).toBe('checking');
    expect(run({ type: 'checked', stored: null, server: false }).availability).toBe('missing');
    expect(run({ type: 'checked', stored: null, server: true }).availability).toBe('server');
    expect(run({ type: 'checked', stored: info, server: true })).toMatchObject({ availability: 'imported', stored: info });
    expect(cifarUsable(run({ type: 'checked', stored: null, server: false }))).toBe(false);
    expect(cifarUsable(run({ type: 'checked', stored: null, server: true }))).toBe(true);
  });

  it('follows an import through progress to imported, measuring its time on the page clock', () => {
    let s = run({ type: 'checked', stored: null, server: false }, { type: 'start', id: 1, source: 'a.tar.gz', at: 1000 });
    expect(s.job).toMatchObject({ id: 1, stage: 'reading', loaded: 0 });
    expect(jobFraction(s.job!)).toBeNull();
    s = reduceCifar(s, { type: 'progress', id: 1, stage: 'reading', loaded: 50, total: 200, detail: 'a.tar.gz' });
    expect(jobFraction(s.job!)).toBe(0.25);
    expect(s.availability).toBe('missing');
    s = reduceCifar(s, { type: 'done', id: 1, info, at: 3500 });
    expect(s).toMatchObject({ availability: 'imported', stored: info, job: null, error: null, last: { source: 'a.tar.gz', seconds: 2.5 } });
  });

  it('keeps an earlier import when a new one fails, and shows the error until the next start', () => {
    let s = run({ type: 'checked', stored: info, server: false }, { type: 'start', id: 2, source: 'bad.tar.gz', at: 0 });
    s = reduceCifar(s, { type: 'failed', id: 2, message: 'bad.tar.gz: truncated', file: 'bad.tar.gz' });
    expect(s).toMatchObject({ availability: 'imported', stored: info, job: null, error: { message: 'bad.tar.gz: truncated', file: 'bad.tar.gz', source: 'bad.tar.gz' } });
    s = reduceCifar(s, { type: 'start', id: 3, source: 'good.tar.gz', at: 0 });
    expect(s.error).toBeNull();
  });

  it('holds the question "replace the stored import?" on the job; keeping it ends the job with a notice', () => {
    let s = run({ type: 'checked', stored: info, server: false }, { type: 'start', id: 4, source: 'copy.tar.gz', at: 0 });
    s = reduceCifar(s, { type: 'confirm', id: 4, message: 'copy.tar.gz is not byte-for-byte the official … Replace it?' });
    expect(s.job?.confirm).toMatch(/Replace it\?$/);
    s = reduceCifar(s, { type: 'kept', id: 4, message: 'Kept the CIFAR-10 stored in this browser' });
    expect(s).toMatchObject({ job: null, stored: info, availability: 'imported', notice: 'Kept the CIFAR-10 stored in this browser' });
    expect(reduceCifar(s, { type: 'start', id: 5, source: 'b.tar.gz', at: 0 }).notice).toBeNull();
  });

  it('ignores a second start while importing, and events of jobs that are not current', () => {
    const s = run({ type: 'checked', stored: null, server: false }, { type: 'start', id: 1, source: 'a', at: 0 });
    expect(reduceCifar(s, { type: 'start', id: 2, source: 'b', at: 0 })).toBe(s);
    expect(reduceCifar(s, { type: 'progress', id: 9, stage: 'reading', loaded: 1, total: 2, detail: '' })).toBe(s);
    expect(reduceCifar(s, { type: 'done', id: 9, info, at: 1 })).toBe(s);
    const cancelled = reduceCifar(s, { type: 'cancelled', id: 1 });
    expect(cancelled).toMatchObject({ job: null, availability: 'missing' });
    expect(reduceCifar(cancelled, { type: 'done', id: 1, info, at: 1 })).toBe(cancelled);
  });

  it('forgets an import (the site\'s own files stay usable), and a late check does not hide a finished import', () => {
    expect(run({ type: 'checked', stored: info, server: true }, { type: 'forgotten' }).availability).toBe('server');
    expect(run({ type: 'checked', stored: info, server: false }, { type: 'forgotten' })).toMatchObject({ availability: 'missing', stored: null, last: null });
    const imported = run({ type: 'start', id: 1, source: 'a', at: 0 }, { type: 'done', id: 1, info, at: 10 });
    expect(reduceCifar(imported, { type: 'checked', stored: null, server: false })).toMatchObject({ availability: 'imported', stored: info });
  });
});
