import { architectures, ownEntry, datasets, getModelSpec, type ModelClass, type RunConfigInput } from '../../engine/spec';
import type { CalibrateSpec } from '../../worker/protocol';
import type { PageState } from './pageStore';

/**
 * What the worker times when it picks a backend: the draft's model on its
 * dataset's input, at its batch size capped at CALIBRATION_MAX_BATCH — a
 * training step cannot be interrupted once it runs, so a link asking for
 * Conv-6 at batch 4,096 would otherwise hold the worker (and gigabytes) for
 * minutes before the page could even say the config does not fit. Undefined while the draft names an
 * unknown model or dataset (the panel says so; the backend then comes up
 * without a calibration).
 */
/** Larger batches are timed at this size (a conv step at 64 already takes about a second on a 2-core CPU). */
export const CALIBRATION_MAX_BATCH = 64;

export function calibrateSpecFor(draft: RunConfigInput): CalibrateSpec | undefined {
  const ds = datasets[draft.data?.dataset ?? 'mnist'];
  if (!ds) return undefined;
  try {
    const model = getModelSpec(draft.model ?? 'lenet300', ds.meta.inputShape, ds.meta.numClasses);
    const b = draft.training?.batchSize;
    const batch = typeof b === 'number' && Number.isInteger(b) && b >= 1 ? Math.min(b, CALIBRATION_MAX_BATCH) : 60;
    return { model: model.id, inputShape: ds.meta.inputShape, numClasses: ds.meta.numClasses, batch };
  } catch {
    return undefined;
  }
}

/** A model's class (MLP or conv) by id, or null for an unknown model. */
export function modelClassOfId(model: string): ModelClass | null {
  const entry = ownEntry(architectures, model);
  return entry ? entry.arch.kind : null;
}

/** The draft model's class (MLP or conv), or null for an unknown model or dataset. */
function draftModelClass(draft: RunConfigInput): ModelClass | null {
  const spec = calibrateSpecFor(draft);
  return spec ? modelClassOfId(spec.model) : null;
}

/**
 * The training speed the calibration measured on the backend in use, if it
 * timed the very model the draft trains (else null: within a class, models
 * still differ by orders of magnitude in cost).
 */
export function calibratedSamplesPerSecond(s: Pick<PageState, 'backend' | 'backendState' | 'draft'>): number | null {
  const c = s.backendState === 'ready' ? s.backend?.calibration : undefined;
  if (!c || c.model !== (s.draft.model ?? 'lenet300')) return null;
  const used = c.candidates.find((x) => x.name === s.backend?.name);
  return used && used.samplesPerSec > 0 ? used.samplesPerSec : null;
}

/** True when the backend should be measured again: idle, and the draft's model class is not the one measured. */
export function needsRecalibration(s: Pick<PageState, 'backend' | 'backendState' | 'draft'>, busy: boolean): boolean {
  const c = s.backend?.calibration;
  if (busy || s.backendState !== 'ready' || !c) return false;
  const now = draftModelClass(s.draft);
  return now !== null && now !== c.modelClass;
}
