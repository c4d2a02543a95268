import { methodLabel, type BackendName, type RunConfig, type RunConfigInput, type RunCheckpoint, type RoundResult, type SeriesId, type Masks } from '../../engine/spec';
import { TrainerClient, type ClientHandlers } from '../../worker/client';
import { checkpointBuffers } from '../../worker/checkpointMessage';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import { OUTBOX_INTERVAL_MS } from '../../worker/outbox';
import { TimedQueue } from '../../worker/timedQueue';
import { backendOrder, type BackendChoice } from '../pure/backendOrder';
import type { PageStore } from '../state/pageStore';
import { reduceWorkerMessages } from '../state/workerMessages';
import { addNotice } from '../state/backendSlice';
import { comparisonQueue, type QueuedRun } from '../pure/comparison';
import { newRunRecord } from '../state/resultsSlice';
import { isBusy } from '../state/runSlice';
import { validateDraft } from '../pure/validate';
import { backendKindOf, runSamplesPerSecond, runSpeedKey } from '../state/measuredSpeed';
import { storedBackendPrefs, type BackendPrefs } from '../../storage/backendPrefs';
import { calibrateSpecFor, needsRecalibration } from '../state/calibration';

const pageHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/**
 * How often worker messages reach the store, and so how often charts can re-render: as often as the
 * worker sends its batches (one cadence, so neither side works for updates the other drops).
 */
const STORE_UPDATE_MS = OUTBOX_INTERVAL_MS;

export interface TrainingController {
  /** Starts the worker on the requested backend. */
  connect(): void;
  /** Validates the draft and starts it (and a comparison preset's other runs after it). */
  start(): boolean;
  pause(): void;
  resume(): void;
  step(): void;
  finishRound(): void;
  stop(): void;
  setBackend(choice: BackendChoice): void;
  masks(series: SeriesId, round: number): Promise<Masks | null>;
  probe(): Promise<{ backend: string; ok: boolean; detail: string }>;
  loseDevice(): void;
  /** Test hook: evaluate `chunk` images at a time, holding each `delayMs` (honoured only by builds for the browser tests). */
  slowEvaluation(delayMs: number, chunk: number): void;
  /** Every worker message, once applied to the store (the run history stores checkpoints and tickets from here). */
  listen(fn: (m: FromWorker) => void): () => void;
  /**
   * Runs a stored run again under its own key, keeping the rounds it already
   * has: from `resume` (a checkpoint the caller owns; its buffers are
   * transferred) or, without one, from the start. False while another run trains.
   */
  continueRun(run: { key: string; label: string; input: RunConfigInput; rounds: RoundResult[] }, resume: RunCheckpoint | null): boolean;
  /** Imported data changed: the trainer drops the dataset it parsed from the old files. */
  dataChanged(): void;
  dispose(): void;
}

/**
 * The bridge between the store and the trainer worker: module-level actions
 * in zustand's sense. Worker messages are queued and folded into the store at
 * most every STORE_UPDATE_MS; crashes and lost devices fall back to the next
 * backend and re-run the interrupted run once, keeping its finished rounds.
 */
export function createTrainingController(
  store: PageStore,
  makeClient: (h: ClientHandlers) => TrainerClient = (h) => new TrainerClient(h),
  intervalMs = STORE_UPDATE_MS,
  prefs: BackendPrefs = storedBackendPrefs(),
): TrainingController {
  let queue: QueuedRun[] = [];
  let sequence = { index: 0, total: 0 };
  /** A run waiting for the backend to come up (first start, or a retry after a crash). */
  let pending: Extract<ToWorker, { type: 'start' }> | null = null;
  let counter = 0;
  const listeners = new Set<(m: FromWorker) => void>();
  store.setState({ runSpeeds: prefs.runSpeeds() });

  const ingest = new TimedQueue<FromWorker>({
    intervalMs,
    send: (msgs) => {
      store.setState((s) => reduceWorkerMessages(s, msgs));
      for (const m of msgs) {
        for (const l of listeners) l(m);
        afterApplied(m);
      }
    },
    // In a hidden tab timers fire once a second at best (once a minute after a while), so
    // apply at once: nothing is painted there, and a comparison's next run starts on time.
    urgent: (m) => m.type === 'ready' || m.type === 'fatal' || pageHidden(),
  });
  const client = makeClient({
    message: (m) => ingest.push(m),
    crash: (message) => ingest.push({ type: 'fatal', reason: 'crash', message: `The training worker crashed: ${message}` }),
  });

  function afterApplied(m: FromWorker): void {
    if (m.type === 'ready') {
      if (m.backend.choice === 'measured' && m.backend.calibration) prefs.saveCalibration(m.backend.calibration);
      if (pending) sendStart(pending);
      pending = null;
    } else if (m.type === 'fatal' && m.reason !== 'backend-failed') {
      fallBack(m.message);
    } else if (m.type === 'run-failed' || (m.type === 'batch' && m.events.some((e) => e.type === 'run-end'))) {
      if (m.type === 'batch') rememberSpeed(m.runKey);
      startNextQueued();
    }
  }

  /** A finished run's training speed, for the next job-size estimate of this model on this backend (this visit and later ones). */
  function rememberSpeed(runKey: string): void {
    const s = store.getState();
    const r = s.runs.find((x) => x.key === runKey);
    const sps = r && !r.source && r.status === 'finished' && r.config ? runSamplesPerSecond(r) : undefined;
    if (!r?.config || sps === undefined || !r.backend) return;
    const key = runSpeedKey(r.backend, r.config.model);
    prefs.saveRunSpeed(key, sps);
    store.setState({ runSpeeds: { ...s.runSpeeds, [key]: Math.round(sps) } });
  }

  function connect(): void {
    const s = store.getState();
    store.setState({ backend: null, backendState: 'starting' });
    const calibrate = calibrateSpecFor(s.draft);
    client.open({
      backends: backendOrder(s.requestedBackend, s.failedBackends),
      mode: s.requestedBackend === 'auto' ? 'auto' : 'manual',
      ...(calibrate ? { calibrate } : {}),
      cache: prefs.calibrations(),
      ...(typeof document !== 'undefined' ? { dataRoot: new URL(import.meta.env.BASE_URL, document.baseURI).href } : {}),
    });
  }

  // A calibration holds for one class of model: measure again when the draft switches
  // between MLP and conv (at once when idle, else once the run is over).
  store.subscribe((s, prev) => {
    if (s.draft === prev.draft && s.status === prev.status && s.backendState === prev.backendState) return;
    if (needsRecalibration(s, isBusy(s.status))) connect();
  });

  function sendStart(cmd: Extract<ToWorker, { type: 'start' }>): void {
    client.send(cmd, cmd.resume ? checkpointBuffers(cmd.resume as RunCheckpoint) : undefined);
  }

  type LaunchOpts = Parameters<typeof newRunRecord>[4] & { key?: string; rounds?: RoundResult[]; resume?: RunCheckpoint | null; checked?: RunConfig };
  function launch(input: RunConfigInput, label: string, opts: LaunchOpts = {}): void {
    const key = opts.key ?? `run-${++counter}-${Date.now().toString(36)}`;
    store.setState((s) => ({
      runs: [...s.runs.filter((r) => r.key !== key), { ...newRunRecord(key, label, input, s.backend?.name ?? 'starting', opts), rounds: opts.rounds ?? [] }],
      activeRunKey: key, status: 'loading', progress: null, dataProgress: null, phase: null, selectedRunKey: null,
      sequence: sequence.total > 1 ? { ...sequence } : null,
    }));
    const cmd = { type: 'start' as const, runKey: key, config: opts.checked ?? input, ...(opts.resume ? { resume: opts.resume } : {}) };
    if (store.getState().backendState === 'ready' && client.isOpen) sendStart(cmd);
    else pending = cmd;
  }

  function startNextQueued(): void {
    const next = queue.shift();
    if (!next) return;
    sequence.index++;
    launch(next.config, next.label, { ...(next.group ? { group: next.group } : {}), ...(next.checked ? { checked: next.checked } : {}) });
  }

  /** The backend in use crashed or lost its device: skip it from now on and re-run once. */
  function fallBack(message: string): void {
    const s = store.getState();
    const failed = s.backend?.name as BackendName | undefined;
    const failedBackends = failed && failed !== 'cpu' ? [...new Set([...s.failedBackends, failed])] : s.failedBackends;
    const next = backendOrder(s.requestedBackend === failed ? 'auto' : s.requestedBackend, failedBackends)[0];
    const interrupted = [...s.runs].reverse().find((r) => r.status === 'interrupted');
    const retry = interrupted && !interrupted.retryOf && !s.runs.some((r) => r.retryOf === interrupted.key);
    store.setState({
      failedBackends,
      requestedBackend: s.requestedBackend === failed ? 'auto' : s.requestedBackend,
      notices: addNotice(s.notices, {
        level: 'error', code: 'backend-lost', title: `${failed ?? 'The backend'} stopped working — switching to ${next}`,
        text: `${message} Every finished round is kept. ${retry ? `The interrupted run starts again from the beginning on ${next}.` : 'Press Start to run again.'}`,
      }),
    });
    connect();
    if (retry && interrupted) launch(interrupted.input, `${interrupted.label} (restarted on ${next})`, {
      group: interrupted.group, seriesName: interrupted.seriesName, retryOf: interrupted.key,
    });
  }

  return {
    connect,
    start() {
      const s = store.getState();
      if (isBusy(s.status)) return false;
      const v = validateDraft(s.draft, { compare: s.compare, datasetFiles: s.datasetFiles, backendKind: backendKindOf(s) });
      if (!v.ok) return false;
      queue = s.compare ? comparisonQueue(s.draft, s.compare) : [{ label: s.draft.name ?? methodLabel(v.config.method.id), group: '', config: s.draft, checked: v.config }];
      sequence = { index: 0, total: queue.length };
      startNextQueued();
      return true;
    },
    pause: () => client.send({ type: 'pause' }),
    resume: () => client.send({ type: 'resume' }),
    step: () => client.send({ type: 'step' }),
    finishRound() {
      queue = [];
      client.send({ type: 'finish-round' });
    },
    stop() {
      queue = [];
      client.send({ type: 'stop' });
      // A stopped paused run still has to wake up to end; the worker's run-end settles the status.
    },
    setBackend(choice) {
      if (isBusy(store.getState().status)) return;
      prefs.saveChoice(choice);
      store.setState({ requestedBackend: choice });
      connect();
    },
    async masks(series, round) {
      return (await client.request<'masks'>({ type: 'get-masks', series, round })).masks;
    },
    async probe() {
      const r = await client.request<'probe'>({ type: 'probe' });
      return { backend: r.backend, ok: r.ok, detail: r.detail };
    },
    loseDevice: () => client.send({ type: 'lose-device' }),
    slowEvaluation: (delayMs, chunk) => client.send({ type: 'slow-evaluation', delayMs, chunk }),
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    continueRun(run, resume) {
      if (isBusy(store.getState().status)) return false;
      queue = [];
      sequence = { index: 1, total: 1 };
      launch(run.input, run.label, { key: run.key, rounds: run.rounds, resume });
      return true;
    },
    dataChanged: () => client.send({ type: 'data-changed' }),
    dispose() {
      ingest.flush();
      client.close();
    },
  };
}
