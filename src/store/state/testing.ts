import type { RoundResult } from '../../engine/spec';
import type { FromWorker, LabEvent } from '../../worker/protocol';

/** Small builders for store tests. */
export function round(series: RoundResult['series'], r: number, density: number, acc = 0.9): RoundResult {
  return {
    series, round: r, density, layers: [], earlyStopStep: 100 * (r + 1), earlyStopValAcc: acc, earlyStopTestAcc: acc,
    finalTestAcc: acc - 0.01, finalValAcc: acc, curve: [], steps: 100, seconds: 1, samplesPerSec: 1000,
  };
}

export const batch = (runKey: string, ...events: LabEvent[]): FromWorker => ({ type: 'batch', runKey, events });
