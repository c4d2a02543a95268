import type { Dataset } from '../data/types';
import { CompareSpecSchema, type CompareCell, type CompareResult, type CompareSpecInput } from '../experiment/compare';
import { aggregateCells } from './aggregate';
import type { CellFile } from './cellFile';
import { inProcessExecutor, memoryStore } from './executeCell';
import { runSweep, type SweepEvent } from './runner';
import { expandSweep, type SweepCell } from './spec';

/** A comparison is a sweep over methods × densities × seeds with no grid. */
export function comparisonCells(specInput: CompareSpecInput): SweepCell[] {
  const spec = CompareSpecSchema.parse(specInput);
  return expandSweep({ base: spec.base as Record<string, unknown>, methods: spec.methods, densities: spec.densities, seeds: spec.seeds, params: spec.params });
}

/** The method × density table (and run list) of a comparison from its cells' result files. */
export function comparisonResult(specInput: CompareSpecInput, files: CellFile[], seconds: number, stoppedReason?: string): CompareResult {
  const spec = CompareSpecSchema.parse(specInput);
  const ordered = [...files].sort((a, b) => a.cell.index - b.cell.index);
  const cells: CompareCell[] = aggregateCells(ordered.map((f) => ({ runId: f.runId, cell: f.cell, rounds: f.result.rounds })))
    .map(({ method, density, seeds, final, earlyStop, earlyStopStep, realised, finalMean, finalStd, earlyStopMean, earlyStopStd }) =>
      ({ method, density, seeds, final, earlyStop, earlyStopStep, realised, finalMean, finalStd, earlyStopMean, earlyStopStd }));
  return {
    schema: 'sparse-lab/compare@1', spec, cells,
    runs: ordered.map((f) => ({ method: f.cell.method, seed: f.cell.seed, density: f.cell.density, runId: f.runId, seconds: f.result.seconds, ...(f.result.stoppedReason ? { stoppedReason: f.result.stoppedReason } : {}) })),
    seconds, ...(stoppedReason ? { stoppedReason } : {}),
  };
}

/** Runs a whole comparison in this thread on a loaded dataset (tests, notebooks): the sweep runner with one in-process executor. */
export async function runComparison(specInput: CompareSpecInput, ds: Dataset, onEvent?: (e: SweepEvent) => void): Promise<CompareResult> {
  const cells = comparisonCells(specInput);
  const store = memoryStore();
  const summary = await runSweep(cells, { jobs: 1, store, executor: () => inProcessExecutor(ds), onEvent });
  if (summary.failed.length) throw new Error(`${summary.failed.length} comparison run(s) failed: ${summary.failed[0].error}`);
  return comparisonResult(specInput, [...store.files.values()], summary.seconds);
}
