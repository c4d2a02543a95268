import type { ControlKind, LmcConfig } from './config';
import type { PlannedTraining, SeriesId } from './events';
import { evalsIn } from './runClock';

/**
 * Every training of the run in order: round 0 from scratch, later rounds from
 * k, each followed by its controls (the re-initialised control always trains
 * from 0: its weights are new; the random mask starts where the trunk does).
 */
export function planTrainings(rounds: number, T: number, k: number, evalEvery: number, controls: readonly ControlKind[]): PlannedTraining[] {
  const plan: PlannedTraining[] = [];
  const training = (series: SeriesId, round: number, start: number): PlannedTraining => ({ series, round, steps: T - start, evals: evalsIn(start, T, evalEvery) });
  for (let r = 0; r < rounds; r++) {
    plan.push(training('trunk', r, r === 0 ? 0 : k));
    if (r > 0) for (const c of controls) plan.push(training(c, r, c === 'reinit' ? 0 : k));
  }
  return plan;
}

/** Steps and evaluations of the trainings planned after (series, round). */
export function workAfter(plan: PlannedTraining[], series: SeriesId, round: number): { steps: number; evals: number } {
  const i = plan.findIndex((p) => p.series === series && p.round === round);
  return plan.slice(i + 1).reduce((w, p) => ({ steps: w.steps + p.steps, evals: w.evals + p.evals }), { steps: 0, evals: 0 });
}

/** Every training of the analysis, in order (the ticket's parent, the shared run to the largest k, the pairs of copies); also priced by the time estimate. */
export function instabilityPlan(lmc: Pick<LmcConfig, 'ks' | 'density'>, T: number, evalEvery: number): PlannedTraining[] {
  const ks = [...new Set(lmc.ks)].sort((x, y) => x - y);
  const parent = lmc.density < 1;
  const kMax = ks[ks.length - 1] ?? 0;
  const planned = (round: number, start: number, end: number): PlannedTraining => ({ series: 'trunk', round, steps: end - start, evals: evalsIn(start, end, evalEvery) });
  const plan: PlannedTraining[] = [
    ...(parent ? [planned(0, 0, T)] : []),
    ...(kMax > 0 ? [planned(plan0(parent), 0, kMax)] : []),
  ];
  ks.forEach((k, i) => plan.push(planned(firstCopyRound(parent, kMax) + 2 * i, k, T), planned(firstCopyRound(parent, kMax) + 2 * i + 1, k, T)));
  return plan;
}

/** Round numbers: the ticket's parent (if any) is round 0, then the shared run to k, then the copies in pairs. */
export const plan0 = (parent: boolean) => (parent ? 1 : 0);
export const firstCopyRound = (parent: boolean, kMax: number) => plan0(parent) + (kMax > 0 ? 1 : 0);
