import type { RunConfig } from '../../engine/experiment/config';
import { confirmationReason, expectedTime, isBackendKind, jobSize, type BackendKind } from '../../engine/experiment/jobSize';
import { calibratedSamplesPerSecond } from './calibration';
import type { PageState } from './pageStore';

/**
 * The training samples/s this device measured for the draft's model: the
 * run training now, else the newest run trained here (not one from a link,
 * a file or the history, which may come from another machine), else the
 * backend calibration's timing of this model's training step at page load.
 * Another model's rate says little (Conv-6 is ~500× LeNet's cost), so it is
 * not used. Null when none of these exists: the page then says the time is
 * unknown until calibrated.
 */
export function measuredSamplesPerSecond(s: Pick<PageState, 'runs' | 'draft' | 'progress' | 'activeRunKey' | 'backend' | 'backendState'>): number | null {
  const model = s.draft.model ?? 'lenet300';
  const sameModel = (r: PageState['runs'][number]) => !r.source && (r.config?.model ?? r.input.model ?? 'lenet300') === model;
  const active = s.runs.find((r) => r.key === s.activeRunKey);
  if (active && sameModel(active) && s.progress && s.progress.samplesPerSec > 0 && Number.isFinite(s.progress.samplesPerSec)) return s.progress.samplesPerSec;
  for (let i = s.runs.length - 1; i >= 0; i--) {
    const r = s.runs[i];
    if (!sameModel(r)) continue;
    const sps = r.rounds.map((x) => x.samplesPerSec).filter((x) => Number.isFinite(x) && x > 0).at(-1);
    if (sps !== undefined) return sps;
  }
  return calibratedSamplesPerSecond(s);
}

/** The backend the job-size line and the memory check speak of: the one in use, else the one asked for, else WASM (the tightest). */
export function backendKindOf(s: Pick<PageState, 'backend' | 'requestedBackend'>): BackendKind {
  if (isBackendKind(s.backend?.name)) return s.backend.name;
  return isBackendKind(s.requestedBackend) ? s.requestedBackend : 'wasm';
}

/** Why starting `config` now should ask first (a long or memory-hungry job on this device), or null. */
export function startQuestion(config: RunConfig, s: Pick<PageState, 'runs' | 'draft' | 'progress' | 'activeRunKey' | 'backend' | 'backendState' | 'requestedBackend'>): string | null {
  const size = jobSize(config);
  if (!size) return null;
  const sps = measuredSamplesPerSecond({ ...s, draft: config });
  return confirmationReason(size, expectedTime(size, sps), backendKindOf(s));
}
