import { confirmationReason, expectedTime, isBackendKind, jobSize, type RunConfig, type BackendKind } from '../../engine/spec';
import { calibratedSamplesPerSecond } from './calibration';
import type { PageState } from './pageStore';

/** Which run speeds compare: the same model on the same backend (a calibration's class is too coarse for a time estimate). */
export const runSpeedKey = (backend: string, model: string) => `${backend}|${model}`;

/** Where a speed estimate comes from, as the job-size line names it. */
export type SpeedSource = 'this run' | 'last run' | 'calibration';

type SpeedState = Pick<PageState, 'runs' | 'draft' | 'progress' | 'activeRunKey' | 'backend' | 'backendState' | 'runSpeeds'>;

/** A finished run's training samples/s: its last round's (the rounds of one run train at about one speed). */
export function runSamplesPerSecond(r: PageState['runs'][number]): number | undefined {
  return r.rounds.map((x) => x.samplesPerSec).filter((x) => Number.isFinite(x) && x > 0).at(-1);
}

/**
 * The training samples/s this device measured for the draft's model, and
 * where it comes from: the run training now, else the newest run trained
 * here in this visit (not one from a link, a file or the history, which may
 * come from another machine), else the last finished run of this model on
 * this backend in an earlier visit (remembered in runSpeeds), else the
 * backend calibration's timing of this model's training step at page load.
 * A real run is preferred to the calibration: a few steps timed while the
 * page starts read low (3,673 samples/s for LeNet-300-100 that then trained
 * at ~8,700). Another model's rate says little (Conv-6 is ~500× LeNet's
 * cost), so it is not used. Null when none of these exists: the page then
 * says the time is unknown until calibrated.
 */
export function measuredSpeed(s: SpeedState): { samplesPerSec: number; source: SpeedSource } | null {
  const model = s.draft.model ?? 'lenet300';
  const sameModel = (r: PageState['runs'][number]) => !r.source && (r.config?.model ?? r.input.model ?? 'lenet300') === model;
  const active = s.runs.find((r) => r.key === s.activeRunKey);
  if (active && sameModel(active) && s.progress && s.progress.samplesPerSec > 0 && Number.isFinite(s.progress.samplesPerSec)) return { samplesPerSec: s.progress.samplesPerSec, source: 'this run' };
  for (let i = s.runs.length - 1; i >= 0; i--) {
    const r = s.runs[i];
    if (!sameModel(r)) continue;
    const sps = runSamplesPerSecond(r);
    if (sps !== undefined) return { samplesPerSec: sps, source: 'last run' };
  }
  const backend = s.backendState === 'ready' ? s.backend?.name : undefined;
  const remembered = backend ? s.runSpeeds[runSpeedKey(backend, model)] : undefined;
  if (remembered !== undefined && remembered > 0) return { samplesPerSec: remembered, source: 'last run' };
  const calibrated = calibratedSamplesPerSecond(s);
  return calibrated === null ? null : { samplesPerSec: calibrated, source: 'calibration' };
}

export const measuredSamplesPerSecond = (s: SpeedState): number | null => measuredSpeed(s)?.samplesPerSec ?? null;

/** The backend the job-size line and the memory check speak of: the one in use, else the one asked for, else WASM (the tightest). */
export function backendKindOf(s: Pick<PageState, 'backend' | 'requestedBackend'>): BackendKind {
  if (isBackendKind(s.backend?.name)) return s.backend.name;
  return isBackendKind(s.requestedBackend) ? s.requestedBackend : 'wasm';
}

/** Why starting `config` now should ask first (a long or memory-hungry job on this device), or null. */
export function startQuestion(config: RunConfig, s: SpeedState & Pick<PageState, 'requestedBackend'>): string | null {
  const size = jobSize(config);
  if (!size) return null;
  const sps = measuredSamplesPerSecond({ ...s, draft: config });
  return confirmationReason(size, expectedTime(size, sps), backendKindOf(s));
}
