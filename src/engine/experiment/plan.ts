import type { ControlKind } from './config';
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
