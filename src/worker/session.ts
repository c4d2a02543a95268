import * as tf from '@tensorflow/tfjs';
import { probeOp, loadDataset, normaliseConfig, runExperiment, cloneMasks, YieldingControl, type FileReader, type Dataset, type RunControl, type RunConfig, type SeriesId, type Inspector, type Masks, type Weights } from '../engine';
import { createOutbox, type Outbox } from './outbox';
import { roundPictures } from './pictures';
import { checkpointForTransfer, parseCheckpoint, ticketForTransfer } from './checkpointMessage';
import type { BackendInfo, FromWorker, LabEvent, ToWorker } from './protocol';

export interface SessionDeps {
  post(msg: FromWorker, transfer?: Transferable[]): void;
  readFile: FileReader;
  startBackend(init: Extract<ToWorker, { type: 'init' }>, onDeviceLost: (message: string) => void): Promise<BackendInfo>;
  loseDevice?(): boolean;
  /** Honour test hooks that change how a run behaves (slow-evaluation); false in production builds. */
  testHooks?: boolean;
}

/**
 * Everything the trainer worker does, without touching `self`: it owns the
 * backend, the dataset, the running experiment and its RunControl, and turns
 * commands into engine calls. Engine events go out through an Outbox
 * (batched, 4 messages a second: OUTBOX_INTERVAL_MS).
 */
export class TrainerSession {
  private control: RunControl | null = null;
  private running = false;
  private dataKey = '';
  private dataset: Promise<Dataset> | null = null;
  /** Masks each series trained with, per round of the current run (for tests and downloads). */
  private masks = new Map<string, Masks>();
  /** Set by the slow-evaluation test hook. */
  private slowEvaluation: { delayMs: number; chunk: number } | undefined;
  private markDeviceLost!: (message: string) => void;
  /** Resolves with a message if the WebGPU device is lost. */
  private readonly deviceLost = new Promise<string>((resolve) => (this.markDeviceLost = resolve));

  constructor(private readonly deps: SessionDeps) {}

  async handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'init':
        return this.init(msg);
      case 'start':
        return this.start(msg.runKey, msg.config, msg.resume);
      case 'pause':
        this.control?.pause();
        return this.deps.post({ type: 'paused', paused: true });
      case 'resume':
        this.control?.resume();
        return this.deps.post({ type: 'paused', paused: false });
      case 'step':
        return this.control?.stepOnce();
      case 'finish-round':
        return this.control?.stopAfterRound();
      case 'stop':
        return this.control?.stop();
      case 'get-masks':
        return this.deps.post({ type: 'masks', requestId: msg.requestId, masks: this.masks.get(key(msg.series, msg.round)) ?? null });
      case 'probe': {
        const error = await probeOp();
        return this.deps.post({ type: 'probe', requestId: msg.requestId, backend: tf.getBackend(), ok: !error, detail: error ?? 'matMul 2×2 correct' });
      }
      case 'lose-device':
        this.deps.loseDevice?.();
        return;
      case 'slow-evaluation':
        if (this.deps.testHooks) this.slowEvaluation = { delayMs: msg.delayMs, chunk: msg.chunk };
        return;
      case 'data-changed':
        this.dataset = null;
        this.dataKey = '';
        return;
    }
  }

  private async init(order: Extract<ToWorker, { type: 'init' }>): Promise<void> {
    try {
      const backend = await this.deps.startBackend(order, (message) => {
        this.control?.stop();
        this.markDeviceLost(message);
        this.deps.post({ type: 'fatal', reason: 'device-lost', message: `The WebGPU device was lost (${message}).` });
      });
      this.deps.post({ type: 'ready', backend });
    } catch (e) {
      this.deps.post({ type: 'fatal', reason: 'backend-failed', message: (e as Error).message });
    }
  }

  private async start(runKey: string, input: unknown, resumeInput?: unknown): Promise<void> {
    if (this.running) {
      this.deps.post({ type: 'run-failed', runKey, message: 'A run is already in progress: stop it first.' });
      return;
    }
    this.running = true;
    const outbox = createOutbox((events) => this.deps.post({ type: 'batch', runKey, events }));
    const control = new YieldingControl();
    this.control = control;
    this.masks.clear();
    try {
      const config = normaliseConfig(input);
      const resume = resumeInput === undefined ? undefined : parseCheckpoint(resumeInput);
      const ds = await this.loadData(config.data, (file, loaded, total, done) =>
        outbox.push({ type: 'data-progress', file, loaded, total, done }),
      );
      outbox.push({ type: 'data-progress', file: 'all files', loaded: 1, total: 1, done: true });
      const history = this.historyFeed(runKey, outbox);
      await runExperiment(config, ds, {
        emit: history.emit, control, resume, inspect: this.inspector(outbox, history.inspect), slowEvaluation: this.slowEvaluation,
      });
    } catch (e) {
      outbox.flush();
      // A lost GPU first shows up as a failed read; its `lost` promise settles a moment later.
      // Then the 'fatal' message speaks for the run, and the page re-runs it on another backend.
      if (await settlesWithin(this.deviceLost, 300)) return;
      this.deps.post({ type: 'run-failed', runKey, message: (e as Error).message ?? String(e) });
    } finally {
      outbox.flush();
      this.control = null;
      this.running = false;
    }
  }

  /** Pictures at the end of every round (and of the starting mask), masks kept for get-masks. */
  private inspector(outbox: Outbox, also: Inspector): Inspector {
    return async (info) => {
      await also(info);
      const { series, round, phase, net } = info;
      const first = series === 'trunk' && round === 0 && phase === 'start';
      if (phase !== 'end' && !first) return;
      const weights = await net.readWeights();
      outbox.push({ type: 'pictures', pictures: roundPictures(net.model, weights, net.masks, { series, round, phase }) });
      if (phase === 'end') this.masks.set(key(series, round), cloneMasks(net.masks));
    };
  }

  /**
   * What the page's run history stores, sent beside the event batches with
   * their arrays transferred: each checkpoint (after flushing the events
   * before it, so the page has every round the checkpoint covers), and the
   * ticket at the end of the trunk's last round.
   */
  private historyFeed(runKey: string, outbox: Outbox): { emit: (e: LabEvent) => void; inspect: Inspector } {
    let lastTrunkRound = -1;
    let ticketWeights: Weights | null = null;
    return {
      emit: (e) => {
        if (e.type === 'run-start') lastTrunkRound = Math.max(...e.plan.filter((p) => p.series === 'trunk').map((p) => p.round));
        if (e.type !== 'checkpoint') return outbox.push(e);
        outbox.flush();
        const { checkpoint, transfer } = checkpointForTransfer(e.checkpoint);
        this.deps.post({ type: 'checkpoint', runKey, checkpoint }, transfer);
      },
      inspect: async ({ series, round, phase, net }) => {
        if (series !== 'trunk' || round !== lastTrunkRound) return;
        if (phase === 'start') ticketWeights = await net.readWeights();
        else {
          outbox.flush();
          const t = ticketForTransfer(net.masks, ticketWeights);
          this.deps.post({ type: 'artifacts', runKey, masks: t.masks, ticketWeights: t.ticketWeights }, t.transfer);
        }
      },
    };
  }

  /** The dataset is cached across runs with the same split; the files across all runs (fetchReader). */
  private loadData(data: RunConfig['data'], onProgress: (file: string, loaded: number, total: number, done: boolean) => void): Promise<Dataset> {
    const k = JSON.stringify(data);
    if (this.dataset && k === this.dataKey) return this.dataset;
    this.dataKey = k;
    this.dataset = loadDataset(data.dataset, this.deps.readFile, data, (p) => onProgress(p.file, p.loaded, p.total, false));
    this.dataset.catch(() => {
      this.dataset = null;
      this.dataKey = '';
    });
    return this.dataset;
  }
}

function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

function key(series: SeriesId, round: number): string {
  return `${series}/${round}`;
}
