import { join } from 'node:path';
import { LabError, jobSize, memoryRefusal, getModelSpec, aggregateCells, expandSweep, parseShard, shardCells, hash32, type BackendKind, type SweepCell } from '../engine';
import { parseArgs } from './args';
import { cellName, defaultJobs, runSweepCli } from './sweepRun';
import { SPEC_FLAGS, sweepSpecFromFlags } from './sweepFlags';
import { rowsTable } from './sweepTables';

export const RUNNER_FLAGS: Record<string, string> = {
  dir: 'output folder: one <runId>.json per finished cell (default sweeps/<sweep id>); finished cells there are skipped',
  jobs: 'cells trained at once, one worker process each (default: the number of cores)',
  shard: 'i/n: run only shard i (0-based) of n, e.g. $SLURM_ARRAY_TASK_ID/4; merge the folders afterwards',
  backend: 'wasm | cpu (webgpu once the Node WebGPU backend is in: docs/sweeps.md)',
  quiet: 'no progress bar',
};

const SWEEP_FLAGS: Record<string, string> = { ...SPEC_FLAGS, ...RUNNER_FLAGS, 'dry-run': 'list the cells (and the shard\'s share) without training' };

/** A stable name for a sweep: the hash of its cells' run ids, so the same sweep finds its own folder again. */
export function sweepId(cells: SweepCell[]): string {
  const ids = cells.map((c) => c.runId).sort().join(',');
  return `sweep_${hash32(ids).toString(16).padStart(8, '0')}${hash32(`salt:${ids}`).toString(16).padStart(8, '0')}`;
}

export interface RunnerFlags {
  dir: string;
  jobs: number;
  cells: SweepCell[];
  shardText: string;
}

/** --dir, --jobs and --shard applied to a sweep's cells. */
export function runnerFlags(flags: Record<string, string[]>, all: SweepCell[], defaultDir: string): RunnerFlags {
  const one = (k: string) => flags[k]?.[flags[k].length - 1];
  const jobs = one('jobs') === undefined ? defaultJobs() : Number(one('jobs'));
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 1024) throw new LabError(`--jobs expects a whole number ≥ 1, got "${one('jobs')}"`);
  const shard = one('shard') === undefined ? null : parseShard(one('shard')!);
  const cells = shard ? shardCells(all, shard) : all;
  return { dir: one('dir') ?? join('sweeps', defaultDir), jobs, cells, shardText: shard ? ` · shard ${shard.index}/${shard.count}: ${cells.length} of ${all.length} cells` : '' };
}

/** Refuses, before any work, a sweep with a cell that cannot fit one worker's memory on this backend. */
export function refuseOversized(cells: SweepCell[], backend = 'wasm'): void {
  const seen = new Set<string>();
  for (const { config: c } of cells) {
    const key = JSON.stringify([c.model, c.training.batchSize, c.data, c.method.id]);
    if (seen.has(key)) continue;
    seen.add(key);
    const size = jobSize(c);
    const refusal = size && memoryRefusal(size, backend as BackendKind, getModelSpec(c.model).label, c.training.batchSize);
    if (refusal) throw new LabError(refusal);
  }
}

export async function sweepCommand(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, SWEEP_FLAGS, ['quiet', 'help', 'dry-run']);
  if (flags.help) {
    console.log('npm run lab -- sweep [flags]      (see docs/sweeps.md)\n');
    for (const [k, v] of Object.entries(SWEEP_FLAGS)) console.log(`  --${k.padEnd(14)} ${v}`);
    return 0;
  }
  const { spec, data } = sweepSpecFromFlags(flags);
  const all = expandSweep(spec);
  const r = runnerFlags(flags, all, sweepId(all));
  refuseOversized(r.cells, flags.backend?.at(-1));
  console.log(`Sparse Lab sweep · ${all.length} cells${r.shardText} · output ${r.dir}`);
  if (flags['dry-run']) {
    for (const c of r.cells) console.log(`  ${String(c.index).padStart(5)}  ${c.runId}  ${cellName(c)}  (${c.steps.toLocaleString('en')} iterations)`);
    return 0;
  }
  const { summary, files, interrupted } = await runSweepCli(r.cells, { dir: r.dir, jobs: r.jobs, backend: flags.backend?.at(-1), data, quiet: Boolean(flags.quiet) });
  if (files.length) {
    console.log(`\nFinal test accuracy (%), mean ± std over seeds, for the ${files.length} finished cells of this ${r.shardText ? 'shard' : 'sweep'}:`);
    console.log(rowsTable(aggregateCells(files.map((f) => ({ runId: f.runId, cell: f.cell, rounds: f.result.rounds }))), 'final'));
    console.log(`\nMerge folders (shards, machines) into a table, CSV and chart: npm run lab -- merge ${r.dir}`);
  }
  return interrupted ? 130 : summary.failed.length ? 1 : 0;
}
