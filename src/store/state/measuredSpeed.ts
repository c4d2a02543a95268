import { confirmationReason, denseSamplesPerSec, expectedTime, findMethod, isBackendKind, jobSize, stepCost, type RunConfig, type BackendKind, type TrainingRoute } from '../../engine/spec';
import { calibratedSamplesPerSecond, modelClassOfId } from './calibration';
import type { PageState } from './pageStore';

/** Which run speeds compare: the same model on the same backend (a calibration's class is too coarse for a time estimate). */
export const runSpeedKey = (backend: string, model: string) => `${backend}|${model}`;

/** Where a speed estimate comes from, as the job-size line names it. */
export type SpeedSource = 'this run' | 'last run' | 'calibration';

type SpeedState = Pick<PageState, 'runs' | 'draft' | 'progress' | 'activeRunKey' | 'backend' | 'backendState' | 'runSpeeds'>;

/**
 * Where a run trained: pruned layers take WASM's sparse kernels unless the worker said they failed to load
 * (`sparseKernels` false; a finished run's record names only its backend, and the kernels load by default).
 */
export function trainingRoute(backend: string | undefined, model: string, sparseKernels?: boolean): TrainingRoute | null {
  const modelClass = modelClassOfId(model);
  return backend === 'wasm' && sparseKernels !== false && modelClass ? { modelClass, sparseKernels: true } : null;
}

/**
 * A run's speed as the dense samples/s the estimate divides by: its rounds' work in dense-step equivalents
 * (each round's training and evaluation priced at its density's step cost, evaluation a third of a step
 * per image, as expectedTime counts it) over their wall time. Its sparse rounds trained 2–5× faster than
 * dense; taken raw, a last run measured mostly sparse would make a dense job look that much shorter.
 */
export function runSamplesPerSecond(r: PageState['runs'][number]): number | undefined {
  const c = r.config;
  const route = trainingRoute(r.backend, c?.model ?? r.input.model ?? 'lenet300');
  const evalPerPoint = c ? c.data.valSize + (c.data.testSubset ?? 10_000) : 0;
  let work = 0;
  let seconds = 0;
  for (const x of r.rounds) {
    if (!(Number.isFinite(x.samplesPerSec) && x.samplesPerSec > 0 && Number.isFinite(x.seconds) && x.seconds > 0)) continue;
    work += stepCost(x.density, route) * (x.samplesPerSec * x.seconds + (x.curve.length * evalPerPoint) / 3);
    seconds += x.seconds;
  }
  return seconds > 0 ? work / seconds : undefined;
}

/** The run in progress's dense samples/s: from its finished rounds, else from its first training's speed at that training's density. */
function activeSamplesPerSecond(active: PageState['runs'][number], s: SpeedState, route: TrainingRoute | null): number | undefined {
  const done = runSamplesPerSecond(active);
  if (done !== undefined) return done;
  const p = s.progress;
  if (!p || !(p.samplesPerSec > 0) || !Number.isFinite(p.samplesPerSec)) return undefined;
  const c = active.config;
  const density = c ? findMethod(c.method.id)?.densityAt?.(c.method.params, p.round, p.roundSteps > 0 ? p.step / p.roundSteps : 0) ?? 1 : 1;
  return denseSamplesPerSec(p.samplesPerSec, density, route);
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
  const activeSps = active && sameModel(active) ? activeSamplesPerSecond(active, s, trainingRoute(active.backend, model, s.backend?.sparseKernels)) : undefined;
  if (activeSps !== undefined) return { samplesPerSec: activeSps, source: 'this run' };
  for (let i = s.runs.length - 1; i >= 0; i--) {
    const r = s.runs[i];
    if (!sameModel(r) || r === active) continue;
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

/** True when the backend in use (or the one a run would start on) trains pruned layers on the sparse kernels. */
export const sparseKernelsOn = (s: Pick<PageState, 'backend' | 'requestedBackend'>): boolean =>
  backendKindOf(s) === 'wasm' && (s.backend?.name !== 'wasm' || s.backend.sparseKernels !== false);

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
  return confirmationReason(size, expectedTime(size, sps, sparseKernelsOn(s)), backendKindOf(s));
}
