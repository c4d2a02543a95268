import { writeFileSync } from 'node:fs';
import { comparisonCells, comparisonResult, getPreset, type CompareResult, type CompareSpecInput } from '../engine';
import { parseArgs } from './args';
import { fmt } from './progress';
import { refuseOversized, RUNNER_FLAGS, runnerFlags, sweepId } from './sweep';
import { SPEC_FLAGS, sweepSpecFromFlags } from './sweepFlags';
import { defaultJobs, runSweepCli } from './sweepRun';
import { rowsTable } from './sweepTables';

/**
 * `lab compare`: methods × densities × seeds on one budget. A thin user of
 * the sweep runner: the same worker pool, output folder and resume; this
 * command only adds the comparison's tables and its `--out` JSON.
 */
const { file: _file, config: _config, grid: _grid, ...COMPARE_SPEC_FLAGS } = SPEC_FLAGS;
export const COMPARE_FLAGS: Record<string, string> = { ...COMPARE_SPEC_FLAGS, ...RUNNER_FLAGS, out: 'write the comparison JSON to this file' };

/** Rows: methods; columns: densities (dense shows under 100 %). */
export function comparisonTables(result: CompareResult): string {
  const seeds = Math.max(0, ...result.cells.map((c) => c.seeds.length));
  return [
    `Final test accuracy (%), mean ± std over ${seeds} seed${seeds === 1 ? '' : 's'}`,
    rowsTable(result.cells, 'final'),
    '',
    'Test accuracy at early stop (minimum validation loss) (%)',
    rowsTable(result.cells, 'earlyStop'),
  ].join('\n');
}

/** Builds the comparison spec from a preset and flags (flags win). */
export function specFromFlags(flags: Record<string, string[]>): { spec: CompareSpecInput; data?: string } {
  const { spec, data } = sweepSpecFromFlags(flags, { comparison: true });
  const { grid: _g, name: _n, ...rest } = spec;
  return { spec: rest as CompareSpecInput, data };
}

/** True when argv names a comparison preset (`lab --preset compare-mnist-quick` then runs `compare`). */
export function isComparePreset(argv: string[]): boolean {
  const i = argv.findIndex((a) => a === '--preset' || a.startsWith('--preset='));
  if (i < 0) return false;
  const id = argv[i].includes('=') ? argv[i].slice('--preset='.length) : argv[i + 1];
  try {
    return Boolean(id && getPreset(id).compare);
  } catch {
    return false; // runCommand reports the unknown preset
  }
}

export async function compareCommand(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv[0] === 'compare' ? argv.slice(1) : argv, COMPARE_FLAGS);
  if (flags.help) {
    console.log('npm run lab -- compare [flags]\n');
    for (const [k, v] of Object.entries(COMPARE_FLAGS)) console.log(`  --${k.padEnd(14)} ${v}`);
    return 0;
  }
  const { spec, data } = specFromFlags(flags);
  const all = comparisonCells(spec);
  const r = runnerFlags(flags, all, sweepId(all));
  refuseOversized(r.cells, flags.backend?.at(-1));
  const base = spec.base ?? {};
  console.log(`Sparse Lab compare · ${base.model ?? 'lenet300'} on ${base.data?.dataset ?? 'mnist'} · methods ${spec.methods.join(', ')} · densities ${spec.densities.join(', ')} · seeds ${spec.seeds.join(', ')}`);
  console.log(`${all.length} runs, ${all.reduce((n, c) => n + c.steps, 0).toLocaleString('en')} training iterations in all${r.shardText} · ${r.jobs} of ${defaultJobs()} cores · output ${r.dir}`);
  const t0 = performance.now();
  const { summary, files, interrupted } = await runSweepCli(r.cells, { dir: r.dir, jobs: r.jobs, backend: flags.backend?.at(-1), data, quiet: Boolean(flags.quiet) });
  const missing = r.cells.length - files.length;
  const result = comparisonResult(spec, files, (performance.now() - t0) / 1000, missing > 0 ? `${missing} of ${r.cells.length} runs missing` : undefined);
  console.log(`\n${comparisonTables(result)}\n`);
  console.log(`${summary.trained.length} runs trained now, ${files.length - summary.trained.length} found done, in ${fmt(result.seconds)} (${result.seconds.toFixed(0)} s).${result.stoppedReason ? ` Incomplete: ${result.stoppedReason}.` : ''}`);
  if (flags.out) {
    writeFileSync(flags.out[0], JSON.stringify(result, null, 1));
    console.log(`Wrote ${flags.out[0]}`);
  }
  return interrupted ? 130 : missing > 0 ? 1 : 0;
}
