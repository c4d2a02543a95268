import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../experiment/normalise';
import type { RunResult } from '../experiment/events';
import { presets } from '../presets';
import { initWeights } from '../models/init';
import { getModel } from '../models/model';
import { denseMasks } from '../pruning/masks';
import { fromBase64Url, packBits, toBase64Url, unpackBits } from './bytes';
import { decodeRunFile, encodeRunFile, RunFileError } from './runFile';
import { decodeHash, encodeHash, MAX_HASH_CHARS, ShareError, summariseResults } from './urlCodec';

const fakeResult = (config = normaliseConfig({})): RunResult => ({
  schema: 'sparse-lab/run@1', runId: 'run_x', config, backend: 'wasm', startedAt: '2026-01-01T00:00:00.000Z', seconds: 1,
  rounds: [0, 1, 2].map((round) => ({
    series: 'trunk' as const, round, density: 0.8 ** round, layers: [], earlyStopStep: 100 * (round + 1), earlyStopValAcc: 0.9,
    earlyStopTestAcc: 0.95 + round / 100, finalTestAcc: 0.94, finalValAcc: 0.9, curve: [], steps: 10, seconds: 1, samplesPerSec: 100,
  })),
});

describe('base64url and bit packing', () => {
  it('round-trip every length', () => {
    for (let n = 0; n < 20; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(fromBase64Url(toBase64Url(b))).toEqual(b);
      const m = Uint8Array.from({ length: n * 3 }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
      expect(unpackBits(packBits(m), m.length)).toEqual(m);
    }
    expect(() => fromBase64Url('ab$d')).toThrow(/invalid character/);
  });
});

describe('URL state', () => {
  it.each(presets.map((p) => [p.id, p]))('round-trips preset %s with a chat-sized link', (_, p) => {
    const config = normaliseConfig(p.config);
    const hash = encodeHash(config, summariseResults(fakeResult(config)));
    expect(hash.length).toBeLessThan(600);
    const back = decodeHash(hash)!;
    expect(back.config).toEqual(config);
    expect(back.results!.trunk).toHaveLength(3);
  });

  it('returns null for an empty hash', () => {
    expect(decodeHash('')).toBeNull();
    expect(decodeHash('#')).toBeNull();
  });

  const good = encodeHash(normaliseConfig({ seed: 5 }));
  const bad: [string, string, RegExp][] = [
    ['malformed (no version)', '#hello=world', /no version/],
    ['unknown version', good.replace('v=1', 'v=7'), /version 7/],
    ['missing experiment', '#v=1&k=0', /no experiment/],
    ['truncated', good.slice(0, good.indexOf('&k=') - 5) + good.slice(good.indexOf('&k=')), /damaged/],
    ['tampered', good.replace(/c=(.)/, (_, ch) => `c=${ch === 'A' ? 'B' : 'A'}`), /damaged/],
    ['oversized', `#v=1&c=${'A'.repeat(MAX_HASH_CHARS)}`, /too long/],
    ['not base64', withCheck('#v=1&c=%%%%'), /could not be decoded/],
  ];
  it.each(bad)('rejects a %s link with a clear message', (_, hash, message) => {
    expect(() => decodeHash(hash)).toThrow(ShareError);
    expect(() => decodeHash(hash)).toThrow(message);
  });

  it('names unknown fields and bad values', () => {
    const withExtra = encodeRaw({ seed: 1, colour: 'red', training: { lr: 0.1, turbo: true } });
    expect(() => decodeHash(withExtra)).toThrow(/unknown field "colour"/);
    expect(() => decodeHash(encodeRaw({ training: { lr: -1 } }))).toThrow(/training\.lr/);
    expect(() => decodeHash(encodeRaw({ method: { id: 'imp', params: { bogus: 1 } } }))).toThrow(/bogus/);
    expect(() => decodeHash(encodeRaw({ model: '<img src=x onerror=alert(1)>' }))).toThrow(/unknown model .* — choose one of lenet300/);
  });
});

describe('run file', () => {
  const model = getModel('mlp-tiny');
  const masks = denseMasks(model);
  masks['fc1/kernel'].fill(0, 0, 100);
  const weights = initWeights(model, 3);
  const file = { result: fakeResult(), masks, ticketWeights: weights };

  it('round-trips result, masks and weights exactly', () => {
    const back = decodeRunFile(encodeRunFile(file));
    expect(back.result).toEqual(file.result);
    expect(back.masks).toEqual(masks);
    expect(back.ticketWeights).toEqual(weights);
    expect(back.checkpoint).toBeUndefined();
  });

  it('rejects foreign, truncated, tampered and future-version files', () => {
    const bytes = encodeRunFile(file);
    expect(() => decodeRunFile(new TextEncoder().encode('{"json": true}'), 'x.json')).toThrow(/x.json is not a Sparse Lab run file/);
    expect(() => decodeRunFile(bytes.slice(0, bytes.length - 100))).toThrow(RunFileError);
    const tampered = bytes.slice();
    tampered[200] ^= 1;
    expect(() => decodeRunFile(tampered)).toThrow(/checksum/);
    const future = bytes.slice();
    new DataView(future.buffer).setUint32(8, 9, true);
    expect(() => decodeRunFile(future)).toThrow(/version 9/);
  });
});

import { deflateSync, strToU8 } from 'fflate';
import { crc32 } from './bytes';

function withCheck(hash: string): string {
  const p = new URLSearchParams(hash.slice(1));
  return `${hash}&k=${crc32(strToU8((p.get('c') ?? '') + (p.get('r') ?? ''))).toString(36)}`;
}

function encodeRaw(compact: unknown): string {
  return withCheck(`#v=1&c=${toBase64Url(deflateSync(strToU8(JSON.stringify(compact))))}`);
}
