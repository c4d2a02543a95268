import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromFlags, parseArgs, RUN_FLAGS } from '../cli/args';
import { specFromFlags } from '../cli/compare';
import { LabError } from '../engine/errors';
import { assertCheckpointFits, type RunCheckpoint } from '../engine/experiment/checkpoint';
import { RunConfigSchema } from '../engine/experiment/config';
import type { RoundResult, RunResult } from '../engine/experiment/events';
import { normaliseConfig } from '../engine/experiment/normalise';
import { decodeRunFile, encodeRunFile, MAX_DECODED_BYTES } from '../engine/io/runFile';
import { checkCheckpoint } from '../engine/io/runSchema';
import { decodeHash, encodeHash } from '../engine/io/urlCodec';
import { initWeights } from '../engine/models/init';
import { getModel } from '../engine/models/model';
import { denseMasks } from '../engine/pruning/masks';
import { presets } from '../engine/presets';
import { importRunFile } from '../storage/runImport';
import { checkStoredMeta } from '../storage/storedRunSchema';
import { applyEdits, edits, flipBytes, headerOf, hostileValue, HOSTILE_KEYS, prototypeSnapshot, resealHeader, sealedLink } from './hostile';

/**
 * Property-based fuzzing of everything the lab reads from outside: links,
 * run files, checkpoints, stored records and CLI argument lists. Each input
 * must decode to a schema-valid config or raise the lab's own error type
 * (LabError) — never a TypeError, never a change to Object.prototype, never
 * a decoded size past the caps. Seeded: a failure prints its seed and path,
 * and re-running reproduces it. 6,000 cases in all.
 */
const SEED = 20261130;
const runs = (n: number, seed: number) => ({ numRuns: n, seed: SEED + seed, endOnFailure: true });
let before = '';
let memoryBefore = 0;
beforeAll(() => {
  before = prototypeSnapshot();
  memoryBefore = process.memoryUsage().arrayBuffers;
});
afterAll(() => {
  expect(prototypeSnapshot()).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Runs `fn`; a thrown error must be a LabError (TypeErrors and friends fail the property). */
function labOutcome<T>(fn: () => T): T | LabError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
}

function expectSoundConfig(config: unknown): void {
  expect(RunConfigSchema.safeParse(config).success).toBe(true);
  expect(normaliseConfig(config)).toEqual(config);
}

const checkPrototypes = () => expect(prototypeSnapshot()).toBe(before);

describe('fuzz: links', () => {
  const compacts = presets.map((p) => JSON.parse(JSON.stringify(p.config)) as unknown);
  it('random text after # is a config or a ShareError', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }).map((s) => `#v=1&c=${s}&k=${s.length}`)), (hash) => {
      const r = labOutcome(() => decodeHash(hash));
      if (r && !(r instanceof LabError)) expectSoundConfig(r.config);
      checkPrototypes();
    }), runs(1000, 1));
  });
  it('preset links edited with hostile keys and values, checksum resealed, are a config or a ShareError', () => {
    fc.assert(fc.property(fc.nat(compacts.length - 1), edits, fc.option(hostileValue), (i, list, results) => {
      const hash = sealedLink(applyEdits(compacts[i], list), results === null ? undefined : results);
      const r = labOutcome(() => decodeHash(hash));
      if (r && !(r instanceof LabError)) {
        expectSoundConfig(r.config);
        expect(encodeHash(r.config).length).toBeGreaterThan(0);
      }
      checkPrototypes();
    }), runs(1500, 2));
  });
});

describe('fuzz: run files and checkpoints', () => {
  const config = normaliseConfig({ model: 'mlp-tiny', training: { iterations: 20 }, method: { id: 'imp', params: { rounds: 2 } } });
  const model = getModel('mlp-tiny', [28, 28, 1], 10);
  const weights = initWeights(model, 1);
  const masks = denseMasks(model);
  const round: RoundResult = { series: 'trunk', round: 0, density: 1, layers: [], earlyStopStep: 10, earlyStopValAcc: 0.5, earlyStopTestAcc: 0.5, finalTestAcc: 0.5, finalValAcc: 0.5, curve: [{ step: 10, trainLoss: 1, valLoss: 1, valAcc: 0.5, testLoss: 1, testAcc: 0.5 }], steps: 20, seconds: 1, samplesPerSec: 100 };
  const result: RunResult = { schema: 'sparse-lab/run@1', runId: 'run_x', config, backend: 'wasm', startedAt: '2026-11-30T00:00:00Z', seconds: 1, rounds: [round], stoppedReason: 'stopped' };
  const checkpoint: RunCheckpoint = { schema: 'sparse-lab/checkpoint@1', runId: 'run_x', nextRound: 1, startStep: 0, masks, weights, theta0Label: 'init', thetaK: null, results: [round], runDone: 20, savedAt: 'now' };
  // Small tensors keep each case cheap (the file's checks do not depend on the model; the runner's fit check is fuzzed below).
  const small = { masks: { 'fc1/kernel': Uint8Array.from({ length: 40 }, (_, i) => i % 2), 'out/kernel': new Uint8Array(9).fill(1) }, weights: { 'fc1/kernel': new Float32Array(40).fill(0.5), 'fc1/bias': new Float32Array(3) } };
  const file = encodeRunFile({ result, masks: small.masks, ticketWeights: small.weights, checkpoint: { ...checkpoint, ...small, thetaK: small.weights } });
  const header = headerOf(file);

  const decodedBytes = (f: ReturnType<typeof decodeRunFile>) =>
    [f.masks, f.ticketWeights, f.checkpoint?.masks, f.checkpoint?.weights, f.checkpoint?.thetaK].reduce((n, g) => n + Object.values(g ?? {}).reduce((m, v) => m + v.byteLength, 0), 0);

  function checkDecoded(bytes: Uint8Array): void {
    const f = labOutcome(() => decodeRunFile(bytes, 'fuzz.sparselab'));
    if (!(f instanceof LabError)) {
      expectSoundConfig(f.result.config);
      expect(decodedBytes(f)).toBeLessThanOrEqual(MAX_DECODED_BYTES);
      expect(importRunFile(bytes, 'fuzz.sparselab').meta.config).toEqual(f.result.config);
      if (f.checkpoint) labOutcome(() => assertCheckpointFits(model, f.checkpoint!));
    }
    checkPrototypes();
  }

  it('headers edited with hostile keys, values and blob entries, checksum resealed, decode or raise a LabError', () => {
    fc.assert(fc.property(edits, (list) => checkDecoded(resealHeader(file, applyEdits(header, list)))), runs(1200, 3));
  });
  it('byte flips anywhere with a recomputed checksum decode or raise a LabError', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }), (flips) => checkDecoded(flipBytes(file, flips))), runs(500, 4));
  });
  it('checkpoints and stored rows from storage are checked or refused, never half-used', () => {
    const stored = { id: 'a', name: 'n', methodId: 'imp', model: 'mlp-tiny', dataset: 'mnist', seed: 0, createdAt: '2026-11-30T00:00:00Z', updatedAt: 'x', backend: 'wasm', status: 'stopped', origin: 'lab', input: config, config, rounds: 1, sparsest: 1, best: 0.5, seconds: 1, checkpointRound: 1, hasTicket: true };
    fc.assert(fc.property(edits, fc.boolean(), (list, asCheckpoint) => {
      if (asCheckpoint) {
        // Typed arrays survive the edit: the edits land in the JSON-able fields next to them.
        const { masks: m, weights: w, ...fields } = checkpoint;
        const edited = { ...(applyEdits(fields, list) as object), masks: m, weights: w };
        const c = checkCheckpoint(edited);
        if (c.ok) labOutcome(() => assertCheckpointFits(model, c.checkpoint));
      } else {
        const c = checkStoredMeta(applyEdits(stored, list));
        if (c.ok) {
          expect(typeof c.value.checkpointRound === 'number' || c.value.checkpointRound === undefined).toBe(true);
          if (c.value.config) expectSoundConfig(c.value.config);
        }
      }
      checkPrototypes();
    }), runs(1000, 5));
  });
});

describe('fuzz: CLI argument lists', () => {
  const flagNames = Object.keys(RUN_FLAGS).filter((f) => !['config', 'resume', 'out', 'save-run', 'data', 'link'].includes(f));
  const token = fc.oneof(
    fc.constantFrom(...flagNames).map((f) => `--${f}`),
    fc.constantFrom(...HOSTILE_KEYS).map((k) => `--param=${k}.x=1`),
    fc.tuple(fc.constantFrom('rates', 'reset', 'rounds', ...HOSTILE_KEYS), fc.constantFrom('', '.fc', '.__proto__', '.constructor.prototype'), fc.jsonValue({ maxDepth: 2 })).map(([a, b, v]) => `--param=${a}${b}=${JSON.stringify(v)}`),
    fc.constantFrom('imp', 'wasm', 'webgpu', 'banana', 'constructor', '__proto__', 'toString', '0', '-1', '1e9', 'NaN', '', 'reinit,random-mask', 'lth-mnist-quick', 'mlp-tiny', 'conv6', '4096'),
    fc.string({ maxLength: 12 }),
  );
  it('either build a schema-valid config or raise a LabError', () => {
    fc.assert(fc.property(fc.array(token, { maxLength: 8 }), fc.boolean(), (argv, compare) => {
      const r = labOutcome(() => {
        const { flags } = parseArgs(argv, compare ? { ...RUN_FLAGS, methods: '', densities: '', seeds: '' } : RUN_FLAGS);
        return compare ? specFromFlags(flags) : normaliseConfig(configFromFlags(flags));
      });
      if (!(r instanceof LabError) && !compare) expectSoundConfig(r);
      checkPrototypes();
    }), runs(800, 6));
  });
});

describe('fuzz: memory', () => {
  it('stays bounded over the whole suite', () => {
    expect(process.memoryUsage().arrayBuffers - memoryBefore).toBeLessThan(256e6);
  });
});
