import { z, ZodError } from 'zod';
import type { RunResult } from '../experiment/events';
import { normaliseConfig } from '../experiment/normalise';
import { runId } from '../experiment/runId';
import { RunResultSchema } from './resultSchema';
import { GridKeySchema, type CellMeta } from './spec';
import { describeZod, parseUntrustedJson, SweepFileError } from './untrusted';

/**
 * One finished cell of a sweep, as written to `<out>/<runId>.json`: the run's
 * full result (a valid `lab --config` input), what the cell stands for, a
 * digest of the trunk's masks and the CPU time it took.
 */
export const CELL_SCHEMA = 'sparse-lab/sweep-cell@1';
/** A cell of 1,000 rounds with long curves stays well under this. */
export const MAX_CELL_FILE_CHARS = 32e6;

export interface CellFile {
  schema: typeof CELL_SCHEMA;
  runId: string;
  cell: CellMeta;
  /** MaskDigest of every trunk round's mask at the end of its training. */
  masksDigest: string;
  cpuSeconds: number;
  result: RunResult;
}

export const CellMetaSchema = z.object({
  index: z.number().int().nonnegative(),
  method: z.string().max(60),
  density: z.number().gt(0).max(1).nullable(),
  targets: z.array(z.number().gt(0).max(1)).max(64).nullable(),
  seed: z.number().int().nonnegative(),
  grid: z.record(GridKeySchema, z.union([z.number(), z.string().max(200), z.boolean()])),
  kind: z.enum(['dense', 'iterative', 'single', 'run']),
  rounds: z.number().int().min(1).max(10_000),
});

const CellFileSchema = z.object({
  schema: z.literal(CELL_SCHEMA),
  runId: z.string().regex(/^run_[0-9a-f]{16}$/),
  cell: CellMetaSchema,
  masksDigest: z.string().regex(/^[0-9a-f]{16}$/),
  cpuSeconds: z.number().nonnegative(),
  result: RunResultSchema,
});

export const cellFileName = (id: string) => `${id}.json`;

/**
 * Parses and checks a cell file: the schema, the config (the engine's strict
 * schema), and that the run id recomputed from the config matches the one in
 * the file and, when given, the file's name, so a copied or edited file cannot
 * stand in for another cell.
 */
export function parseCellFile(text: string, where: string, expectedRunId?: string): CellFile {
  const parsed = CellFileSchema.safeParse(parseUntrustedJson(text, where, MAX_CELL_FILE_CHARS));
  if (!parsed.success) throw new SweepFileError(`${where} is not a sweep cell: ${describeZod(parsed.error)}`);
  const f = parsed.data;
  let config;
  try {
    config = normaliseConfig(f.result.config);
  } catch (e) {
    throw new SweepFileError(`${where} holds an invalid config: ${e instanceof ZodError ? describeZod(e) : (e as Error).message}`);
  }
  const id = runId(config);
  if (id !== f.runId || id !== f.result.runId || (expectedRunId !== undefined && id !== expectedRunId)) {
    throw new SweepFileError(`${where}: its config hashes to ${id}, not the run id it claims (${expectedRunId ?? f.runId})`);
  }
  return { ...f, result: { ...f.result, config } as RunResult };
}

export function cellFileText(f: CellFile): string {
  return JSON.stringify(f, null, 1);
}
