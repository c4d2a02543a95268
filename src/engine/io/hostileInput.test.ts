import { describe, expect, it } from 'vitest';
import { applyEdits, headerOf, prototypeSnapshot, resealHeader, sealedLink } from '../../fuzz/hostile';
import { importRunFile } from '../../storage/runImport';
import { validateDraft } from '../../store/pure/validate';
import { LabError } from '../errors';
import type { RunResult } from '../experiment/events';
import { normaliseConfig } from '../experiment/normalise';
import { decodeRunFile, encodeRunFile, RunFileError } from './runFile';
import { decodeHash, ShareError } from './urlCodec';

/** One test per hostile class of issue #10, each with the message a user now sees. */
const before = prototypeSnapshot();

describe('ids that exist on every object are unknown ids, not crashes', () => {
  it.each([
    [{ data: { dataset: 'constructor' } }, "The link's experiment is invalid: unknown dataset 'constructor' — choose one of mnist, cifar10"],
    [{ data: { dataset: 'toString' } }, "The link's experiment is invalid: unknown dataset 'toString' — choose one of mnist, cifar10"],
    [{ data: { dataset: '__proto__' } }, "The link's experiment is invalid: unknown dataset '__proto__' — choose one of mnist, cifar10"],
    [{ method: { id: 'constructor' } }, "The link's experiment is invalid: unknown method 'constructor' — choose one of imp, dense, random, snip, granet, gmp, rigl, oneshot, lamp"],
    [{ model: 'hasOwnProperty' }, "The link's experiment is invalid: unknown model 'hasOwnProperty' — choose one of lenet300, mlp-tiny, conv2, conv4, conv6, conv-tiny"],
  ])('link %j', (compact, message) => {
    expect(() => decodeHash(sealedLink(compact))).toThrow(ShareError);
    expect(() => decodeHash(sealedLink(compact))).toThrow(message);
  });
  it('in the panel too (a draft from any source)', () => {
    expect(validateDraft({ data: { dataset: 'constructor' } }).errors['data.dataset']).toBe("unknown dataset 'constructor' — choose one of mnist, cifar10");
    expect(validateDraft({ method: { id: 'toString' } }).errors['method.id']).toMatch(/^unknown method 'toString' — choose one of imp, /);
  });
});

const config = normaliseConfig({ model: 'mlp-tiny' });
const result: RunResult = { schema: 'sparse-lab/run@1', runId: 'run_x', config, backend: 'wasm', startedAt: '2026-11-30T00:00:00Z', seconds: 1, rounds: [] };
const masks = { 'fc1/kernel': Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 1, 1]), 'out/kernel': Uint8Array.from([1, 1]) };
const good = encodeRunFile({ result, masks });
const edited = (edit: (h: { blobs: Record<string, unknown>[]; result: { config: Record<string, unknown> } }) => void) => {
  const h = headerOf(good) as Parameters<typeof edit>[0];
  edit(h);
  return resealHeader(good, h);
};

describe('run files with a valid checksum and a hostile payload', () => {
  it('a blob group named __proto__ is refused and Object.prototype stays as it was', () => {
    const f = edited((h) => (h.blobs[0].group = '__proto__'));
    expect(() => importRunFile(f, 'x.sparselab')).toThrow(/^x\.sparselab has an invalid header: blobs\.0\.group: /);
    const keyed = resealHeader(good, applyEdits(headerOf(good), [{ at: 0, key: '__proto__', value: { polluted: 1 }, mode: 'add' }]));
    expect(() => decodeRunFile(keyed, 'y.sparselab')).toThrow("y.sparselab's header uses the reserved key '__proto__', which is not allowed");
    expect(prototypeSnapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('blob entries that all point at one region are refused before anything is decoded', () => {
    const f = edited((h) => {
      h.blobs[1] = { ...h.blobs[1], offset: 0, bytes: h.blobs[0].bytes, length: h.blobs[0].length };
    });
    expect(() => decodeRunFile(f, 'x.sparselab')).toThrow('x.sparselab is damaged: blobs masks/fc1/kernel and masks/out/kernel overlap');
  });
  it('a blob whose declared length does not match its bytes is refused', () => {
    const f = edited((h) => (h.blobs[0].length = 1e9));
    expect(() => decodeRunFile(f, 'x.sparselab')).toThrow('x.sparselab is damaged: blob masks/fc1/kernel has 2 bytes for 1000000000 mask entries (expected 125000000)');
  });
  it("a file's experiment with a dataset id like 'constructor' gets the same message as a link", () => {
    const f = edited((h) => (h.result.config.data = { dataset: 'constructor' }));
    expect(() => importRunFile(f, 'x.sparselab')).toThrow("x.sparselab holds an invalid experiment: unknown dataset 'constructor' — choose one of mnist, cifar10");
  });
  it('every refusal is the lab\'s own error type', () => {
    expect(() => decodeRunFile(edited((h) => (h.blobs = 'x' as never)))).toThrow(RunFileError);
    expect(() => decodeRunFile(edited((h) => (h.blobs = 'x' as never)))).toThrow(LabError);
  });
});

describe('decoded sizes are capped before allocation', () => {
  it('a link that inflates to megabytes (a deflate bomb) is refused at the cap', () => {
    const bomb = sealedLink({ name: 'x'.repeat(5_000_000) });
    expect(bomb.length).toBeLessThan(16_384);
    expect(() => decodeHash(bomb)).toThrow("The link's experiment is too large");
  });
});
