import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromFlags, readConfigFile } from '../cli/args';
import type { RunCheckpoint } from '../engine/experiment/checkpoint';
import type { RoundResult } from '../engine/experiment/events';
import { normaliseConfig } from '../engine/experiment/normalise';
import { runId } from '../engine/experiment/runId';
import { crc32 } from '../engine/io/bytes';
import { decodeRunFile, encodeRunFile, MAX_RUN_FILE_BYTES, RunFileError } from '../engine/io/runFile';
import { initWeights } from '../engine/models/init';
import { getModel } from '../engine/models/model';
import { getPreset } from '../engine/presets';
import { denseMasks } from '../engine/pruning/masks';
import { CSV_COLUMNS, csvCell, exportFileName, exportRunFile, metricsCsv, toRunResult } from './runExport';
import { importRunBlob, importRunFile } from './runImport';
import type { StoredRunMeta } from './runStorage';

const config = normaliseConfig(getPreset('tiny-test').config);
const point = (step: number, acc: number) => ({ step, trainLoss: 1 - acc, valLoss: 1.1 - acc, valAcc: acc, testLoss: 1.05 - acc, testAcc: acc });
const round = (series: RoundResult['series'], r: number, density: number): RoundResult => ({
  series, round: r, density, layers: [{ name: 'fc1/kernel', size: 100, nnz: Math.round(100 * density), density }],
  earlyStopStep: 40, earlyStopValAcc: 0.8, earlyStopTestAcc: 0.81 + r / 100, finalTestAcc: 0.8, finalValAcc: 0.79,
  curve: [point(20, 0.7), point(40, 0.8), point(60, 0.79)], steps: 60, seconds: 1.5, samplesPerSec: 1000,
});
const rounds = [round('trunk', 0, 1), round('trunk', 1, 0.5), round('reinit', 1, 0.5)];
const model = getModel(config.model);
const masks = denseMasks(model);
masks['fc1/kernel'].fill(0, 0, 300);
const ticketWeights = initWeights(model, config.seed);

const meta = (over: Partial<StoredRunMeta> = {}): StoredRunMeta => ({
  id: 'run-1-abc', name: 'IMP, "tiny", test', methodId: 'imp', model: config.model, dataset: 'mnist', seed: config.seed,
  createdAt: '2026-11-30T10:00:00.000Z', updatedAt: '2026-11-30T10:01:00.000Z', backend: 'wasm', status: 'finished',
  origin: 'lab', input: getPreset('tiny-test').config, config, rounds: 3, sparsest: 0.5, best: 0.82, seconds: 4.5, hasTicket: true, ...over,
});

const dir = mkdtempSync(join(tmpdir(), 'sparselab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('page export → CLI', () => {
  it('writes a file the CLI reads as --config, with results, masks and ticket weights intact', () => {
    const bytes = exportRunFile(meta(), rounds, { masks, ticketWeights });
    const path = join(dir, exportFileName(meta()));
    writeFileSync(path, bytes);
    expect(path.endsWith('.sparselab')).toBe(true);
    // The CLI's own code path: `npm run lab -- --config FILE` re-runs the same config.
    expect(normaliseConfig(readConfigFile(path))).toEqual(config);
    expect(normaliseConfig(configFromFlags({ config: [path] }))).toEqual(config);
    const back = decodeRunFile(bytes, path);
    expect(back.result).toEqual(toRunResult(meta(), rounds));
    expect(back.result.runId).toBe(runId(config));
    expect(back.result.stoppedReason).toBeUndefined();
    expect(back.masks).toEqual(masks);
    expect(back.ticketWeights).toEqual(ticketWeights);
    expect(back.checkpoint).toBeUndefined();
  });

  it('keeps the checkpoint of an unfinished run, so `--resume FILE` can continue it', () => {
    const checkpoint: RunCheckpoint = {
      schema: 'sparse-lab/checkpoint@1', runId: runId(config), nextRound: 1, startStep: 0, masks, weights: ticketWeights,
      theta0Label: 'init', thetaK: null, results: rounds.slice(0, 1), runDone: 60, savedAt: '2026-11-30T10:00:30.000Z',
    };
    const stopped = meta({ status: 'interrupted', stoppedReason: 'The tab was closed or reloaded during the run', checkpointRound: 1 });
    const back = decodeRunFile(exportRunFile(stopped, rounds.slice(0, 1), { checkpoint }));
    expect(back.result.stoppedReason).toMatch(/closed or reloaded/);
    expect(back.checkpoint).toEqual(checkpoint);
    // A finished run's file carries no checkpoint even if one was kept.
    expect(decodeRunFile(exportRunFile(meta(), rounds, { checkpoint })).checkpoint).toBeUndefined();
  });

  it('names files with safe characters only', () => {
    expect(exportFileName(meta({ name: '../../etc/passwd <b>' }))).toBe('etc-passwd-b-mlp-tiny-seed1-2026-11-30.sparselab');
    expect(exportFileName(meta(), '.csv')).toBe('imp-tiny-test-mlp-tiny-seed1-2026-11-30.csv');
  });
});

describe('metrics CSV', () => {
  it('has one row per series × round × evaluation point, and marks the early-stop point', () => {
    const csv = metricsCsv([{ meta: meta(), rounds }]);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 3 * 3);
    const p = point(20, 0.7);
    expect(lines[1]).toBe(`run-1-abc,"IMP, ""tiny"", test",imp,trunk,0,1,20,${p.trainLoss},${p.valLoss},0.7,${p.testLoss},0.7,0`);
    expect(lines.filter((l) => l.endsWith(',1'))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^run-1-abc,.*,reinit,1,0\.5,60,/);
  });

  it('defuses names a spreadsheet would run as formulas and leaves NaN cells empty', () => {
    const r = { ...rounds[0], curve: [{ ...point(20, 0.7), trainLoss: Number.NaN }] };
    const line = metricsCsv([{ meta: meta({ name: '=HYPERLINK("x")' }), rounds: [r] }]).split('\n')[1];
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line.split(',')[7]).toBe('');
  });

  it.each([
    ['a;=1+1', `"a;'=1+1"`],
    ['x|@SUM(A1)', `"x|'@SUM(A1)"`],
    ['x, -2+3', `"x, '-2+3"`],
    ['\t=cmd', `"'\t'=cmd"`],
    ['plain name', 'plain name'],
  ])('defuses a formula after any separator: %j → %s', (name, cell) => {
    expect(csvCell(name)).toBe(cell);
  });
});

describe('importing a run file', () => {
  const good = exportRunFile(meta(), rounds, { masks, ticketWeights });

  it('restores the run as a history entry with its rounds and ticket', () => {
    const run = importRunFile(good, 'a.sparselab');
    expect(run.meta).toMatchObject({ origin: 'file', status: 'finished', methodId: 'imp', model: 'mlp-tiny', rounds: 3, sparsest: 0.5, hasTicket: true });
    expect(run.meta.best).toBeCloseTo(0.82);
    expect(run.meta.config).toEqual(config);
    expect(run.rounds).toEqual(rounds);
    expect(run.artifacts.masks).toEqual(masks);
    // The same file twice is one entry.
    expect(importRunFile(good, 'b.sparselab').meta.id).toBe(run.meta.id);
  });

  const resealed = (mutate: (header: Record<string, unknown>) => void) => {
    const file = decodeRunFile(good);
    const result = structuredClone(file.result) as unknown as Record<string, unknown>;
    mutate(result);
    return encodeRunFile({ ...file, result: result as never });
  };
  const bad: [string, () => Uint8Array, RegExp][] = [
    ['not a run file', () => new TextEncoder().encode('{"schema":"sparse-lab/run@1"}'), /not a Sparse Lab run file/],
    ['truncated', () => good.slice(0, good.length - 500), /damaged|truncated/],
    ['tampered', () => { const t = good.slice(); t[300] ^= 4; return t; }, /checksum/],
    ['unknown version', () => { const t = good.slice(); new DataView(t.buffer).setUint32(8, 2, true); return t; }, /version 2/],
    ['unknown config field', () => resealed((r) => ((r.config as Record<string, unknown>).turbo = true)), /unknown field "turbo"/],
    ['invalid rounds', () => resealed((r) => ((r.rounds as Record<string, unknown>[])[0].density = 7)), /rounds\.0\.density/],
    ['unknown model', () => resealed((r) => ((r.config as Record<string, unknown>).model = '<img src=x>')), /unknown model '<img src=x>' — choose one of lenet300/],
  ];
  it.each(bad)('refuses a file that is %s with a clear message', (_, bytes, message) => {
    expect(() => importRunFile(bytes(), 'x.sparselab')).toThrow(RunFileError);
    expect(() => importRunFile(bytes(), 'x.sparselab')).toThrow(message);
  });

  it('refuses an oversized file before reading it', async () => {
    let read = false;
    const huge = { name: 'huge.sparselab', size: MAX_RUN_FILE_BYTES + 1, arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) };
    await expect(importRunBlob(huge)).rejects.toThrow(/huge\.sparselab is 268 MB; the limit is 268 MB/);
    expect(read).toBe(false);
  });

  it('checks a file whose checksum was recomputed after editing', () => {
    const t = resealed((r) => (r.rounds = 'lots'));
    expect(crc32(t.subarray(0, t.length - 4))).toBe(new DataView(t.buffer).getUint32(t.length - 4, true));
    expect(() => importRunFile(t, 'x.sparselab')).toThrow(/invalid results: rounds/);
  });
});
