import { z } from 'zod';
import type { RoundResult } from '../experiment/events';
import { aggregateCells, type SweepRow } from './aggregate';
import { CellMetaSchema, type CellFile } from './cellFile';
import { RoundSchema } from './resultSchema';
import type { CellMeta } from './spec';
import { describeZod, parseUntrustedJson, SweepFileError } from './untrusted';

/**
 * A merged sweep: every finished cell of one or more sweep folders (shards,
 * machines), deduplicated by run id, with the table of mean ± std over seeds.
 * `lab merge` writes it; the page imports it and draws it on its comparison
 * charts. Curves are kept (rounded) so the page can show each run's training.
 */
export const MERGED_SCHEMA = 'sparse-lab/sweep-merged@1';
export const MAX_MERGED_CHARS = 64e6;
const MAX_MERGED_CELLS = 20_000;

export interface MergedCell {
  runId: string;
  cell: CellMeta;
  masksDigest: string;
  backend: string;
  seconds: number;
  cpuSeconds: number;
  stoppedReason?: string;
  /** The normalised RunConfig (kept as data: the page validates it before use). */
  config: unknown;
  rounds: RoundResult[];
}

export interface MergedSweep {
  schema: typeof MERGED_SCHEMA;
  createdAt: string;
  sources: string[];
  cells: MergedCell[];
  rows: SweepRow[];
}

const q = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e5) / 1e5 : x);

function slimRound(r: RoundResult): RoundResult {
  return { ...r, curve: r.curve.map((p) => ({ step: p.step, trainLoss: q(p.trainLoss), valLoss: q(p.valLoss), valAcc: q(p.valAcc), testLoss: q(p.testLoss), testAcc: q(p.testAcc) })) };
}

export interface MergeConflict {
  runId: string;
  kept: string;
  dropped: string;
}

/**
 * Combines cell files from several sources; the first copy of a run id wins.
 * A second copy that disagrees (another backend, an edited file) is reported,
 * since equal run ids should mean equal results.
 */
export function mergeCellFiles(sources: { name: string; files: CellFile[] }[], createdAt = new Date().toISOString()): { merged: MergedSweep; conflicts: MergeConflict[] } {
  const byId = new Map<string, { source: string; file: CellFile }>();
  const conflicts: MergeConflict[] = [];
  const fingerprint = (f: CellFile) => JSON.stringify([f.masksDigest, f.result.rounds.map((r) => [r.series, r.round, r.finalTestAcc, r.earlyStopTestAcc])]);
  for (const s of sources) {
    for (const file of s.files) {
      const have = byId.get(file.runId);
      if (!have) byId.set(file.runId, { source: s.name, file });
      else if (fingerprint(have.file) !== fingerprint(file)) conflicts.push({ runId: file.runId, kept: have.source, dropped: s.name });
    }
  }
  const cells: MergedCell[] = [...byId.values()]
    .map(({ file: f }) => ({
      runId: f.runId, cell: f.cell, masksDigest: f.masksDigest, backend: f.result.backend, seconds: f.result.seconds, cpuSeconds: f.cpuSeconds,
      ...(f.result.stoppedReason ? { stoppedReason: f.result.stoppedReason } : {}), config: f.result.config, rounds: f.result.rounds.map(slimRound),
    }))
    .sort((a, b) => a.cell.index - b.cell.index || (a.runId < b.runId ? -1 : 1));
  return { merged: { schema: MERGED_SCHEMA, createdAt, sources: sources.map((s) => s.name), cells, rows: aggregateCells(cells) }, conflicts };
}

const MergedCellSchema = z.object({
  runId: z.string().regex(/^run_[0-9a-f]{16}$/),
  cell: CellMetaSchema,
  masksDigest: z.string().regex(/^[0-9a-f]{16}$/),
  backend: z.string().max(40),
  seconds: z.number().nullable().transform((v) => v ?? NaN),
  cpuSeconds: z.number().nonnegative(),
  stoppedReason: z.string().max(500).optional(),
  config: z.unknown(),
  rounds: z.array(RoundSchema).max(10_000),
});

const MergedSchema = z.object({
  schema: z.literal(MERGED_SCHEMA),
  createdAt: z.string().max(40),
  sources: z.array(z.string().max(1000)).max(10_000),
  cells: z.array(MergedCellSchema).max(MAX_MERGED_CELLS),
});

/** Reads a merged sweep from anywhere: caps, reserved keys, the schema, unique run ids; the table is recomputed, not trusted. */
export function parseMergedSweep(text: string, where: string): MergedSweep {
  const parsed = MergedSchema.safeParse(parseUntrustedJson(text, where, MAX_MERGED_CHARS));
  if (!parsed.success) throw new SweepFileError(`${where} is not a merged sweep (${MERGED_SCHEMA}): ${describeZod(parsed.error)}`);
  const seen = new Set<string>();
  for (const c of parsed.data.cells) {
    if (seen.has(c.runId)) throw new SweepFileError(`${where} lists run ${c.runId} twice`);
    seen.add(c.runId);
  }
  const cells = parsed.data.cells as MergedCell[];
  return { ...parsed.data, schema: MERGED_SCHEMA, cells, rows: aggregateCells(cells) };
}
