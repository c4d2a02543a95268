import { normaliseConfig, LabError, type RoundResult } from '../../engine/spec';
import { exportFileName, exportRunFile, metricsCsv } from '../../storage/runExport';
import { importRunBlob } from '../../storage/runImport';
import { importSweepBlob, isSweepFileName } from './sweepImport';
import type { RunStorage, StoredRunMeta } from '../../storage/runStorage';
import { memoryQuarantine, type QuarantineList } from '../../storage/quarantine';
import { checkStoredArtifacts, checkStoredMeta, checkStoredRounds } from '../../storage/storedRunSchema';
import type { TrainingController } from './trainingController';
import { createHistoryRecorder, runLockName, type HistoryRecorder, type LockManagerLike } from './historyRecorder';
import type { PageStore } from '../state/pageStore';
import { draftStateFor } from '../state/configState';
import { addNotice } from '../state/backendSlice';
import { upsertMeta, type DamagedRun } from '../state/historySlice';
import type { MaskSummary, RunRecord } from '../state/resultsSlice';
import { isBusy } from '../state/runSlice';

export interface FileLike {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface RunHistory {
  recorder: HistoryRecorder;
  storage: RunStorage;
  /** Loads the list; runs left 'running' by a closed or reloaded tab become 'interrupted' and are offered for resuming. */
  init(): Promise<void>;
  /** Shows a stored run: onto the charts, selected, its config in the panel. */
  open(id: string): Promise<void>;
  /** Adds a stored run to the charts (or takes it off) without selecting it. */
  toggleOverlay(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Continues an unfinished run from its checkpoint (from the start when it has none). */
  resume(id: string): Promise<boolean>;
  /** .sparselab files picked or dropped: each is checked, shown and added to the history; a merged sweep (.json) is drawn, not stored. */
  importFiles(files: FileLike[]): Promise<void>;
  exportRun(id: string): Promise<{ fileName: string; bytes: Uint8Array } | null>;
  exportCsv(ids: string[]): Promise<{ fileName: string; text: string }>;
  /**
   * Sets a stored run aside: off the charts and the list, shown as damaged
   * with the reason, never loaded again automatically (also on later visits).
   * Loading does this for a record that fails its schema; the page's error
   * boundaries do it for a run that failed while rendering.
   */
  quarantine(id: string, reason: string): void;
}

export const INTERRUPTED_REASON = 'The tab was closed or reloaded during the run';

/** A stored run as the record the charts draw. */
function recordFromStored(meta: StoredRunMeta, rounds: RoundResult[], source: 'history' | 'file'): RunRecord {
  return {
    // The seed in the legend tells overlaid runs of one method apart.
    key: meta.id, label: meta.name, group: meta.id, seriesName: `${meta.name} · seed ${meta.seed}`, methodId: meta.methodId, input: meta.input, config: meta.config,
    backend: meta.backend, status: meta.status, stoppedReason: meta.stoppedReason, plan: [], rounds, source,
  };
}

/** The layer chart shows a run's newest mask: for a stored run, the one its last trunk round trained with. */
function lastMask(rounds: RoundResult[]): MaskSummary | null {
  const t = rounds.filter((r) => r.series === 'trunk').at(-1);
  return t ? { series: 'trunk', round: t.round, density: t.density, layers: t.layers, reason: 'saved run' } : null;
}

export function createRunHistory(
  store: PageStore, storage: RunStorage, trainingController: Pick<TrainingController, 'listen' | 'continueRun'>, locks?: LockManagerLike, quarantined: QuarantineList = memoryQuarantine(),
): RunHistory {
  const recorder = createHistoryRecorder(store, storage, trainingController, locks);
  const notice = (code: string, title: string, text: string) =>
    store.setState((s) => ({ notices: addNotice(s.notices, { level: 'error', code, title, text }) }));

  /** Puts a run on the charts (replacing an older copy), optionally selected with its config in the panel. */
  function show(meta: StoredRunMeta, rounds: RoundResult[], source: 'history' | 'file', select: boolean): void {
    store.setState((s) => {
      const mask = lastMask(rounds);
      const own = s.runs.find((r) => r.key === meta.id && !r.source);
      return {
        runs: own ? s.runs : [...s.runs.filter((r) => r.key !== meta.id), recordFromStored(meta, rounds, source)],
        ...(mask && !own ? { masks: { ...s.masks, [meta.id]: mask } } : {}),
        ...(select ? { selectedRunKey: meta.id } : {}),
        ...(select && meta.config && !isBusy(s.status) ? draftStateFor(meta.config) : {}),
      };
    });
  }

  function quarantine(id: string, reason: string, name?: string): void {
    quarantined.save({ ...quarantined.load(), [id]: reason });
    store.setState((s) => ({
      history: s.history.filter((m) => m.id !== id),
      resumable: s.resumable.filter((m) => m.id !== id),
      runs: s.runs.filter((r) => r.key !== id || !r.source),
      selectedRunKey: s.selectedRunKey === id ? null : s.selectedRunKey,
      damaged: [...s.damaged.filter((d) => d.id !== id), { id, reason, name: name ?? s.history.find((m) => m.id === id)?.name }],
    }));
  }

  /** A merged sweep's runs onto the charts (replacing an earlier import of the same runs), the first selected. */
  async function showSweep(f: FileLike): Promise<void> {
    let records;
    try {
      records = await importSweepBlob(f);
    } catch (e) {
      notice('import-failed', `Could not open ${f.name}`, (e as Error)?.message ?? String(e));
      return;
    }
    const keys = new Set(records.map((r) => r.key));
    store.setState((s) => ({ runs: [...s.runs.filter((r) => !keys.has(r.key)), ...records], selectedRunKey: records[0].key }));
  }

  /** A stored run, each part checked before anything draws or resumes it; a damaged one is quarantined. */
  async function load(id: string) {
    const live = recorder.live(id);
    if (live) return live;
    if (Object.hasOwn(quarantined.load(), id)) throw new LabError('This stored run was set aside as damaged; remove it from the history list.');
    const raw = await storage.get(id);
    if (!raw) return null;
    const meta = checkStoredMeta(raw);
    const rounds = meta.ok ? checkStoredRounds(await storage.rounds(id)) : meta;
    const artifacts = rounds.ok ? checkStoredArtifacts(await storage.artifacts(id)) : rounds;
    if (!meta.ok || !rounds.ok || !artifacts.ok) {
      const reason = !meta.ok ? meta.reason : !rounds.ok ? rounds.reason : (artifacts as { reason: string }).reason;
      quarantine(id, reason, typeof (raw as { name?: unknown }).name === 'string' ? String(raw.name).slice(0, 100) : undefined);
      throw new LabError(`This stored run is damaged (${reason}); it was set aside in the history list, where it can be removed.`);
    }
    return { meta: meta.value, rounds: rounds.value, artifacts: artifacts.value };
  }

  async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      notice('history-failed', `Could not ${what}`, (e as Error)?.message ?? String(e));
      return undefined;
    }
  }

  async function orphaned(id: string): Promise<void> {
    const m = await storage.get(id).catch(() => null);
    if (!m || m.status !== 'running' || store.getState().runs.some((r) => r.key === id && !r.source)) return;
    const meta: StoredRunMeta = { ...m, status: 'interrupted', stoppedReason: INTERRUPTED_REASON };
    await storage.save({ meta }).catch(() => {});
    store.setState((s) => ({ history: upsertMeta(s.history, meta), resumable: upsertMeta(s.resumable, meta) }));
  }

  return {
    recorder,
    storage,
    async init() {
      let list: StoredRunMeta[];
      try {
        list = await storage.list();
      } catch (e) {
        store.setState({ historyState: 'unavailable' });
        console.warn('Sparse Lab: run history unavailable', e);
        return;
      }
      // Every row is checked before the list renders it; damaged ones (and those set aside before) are listed apart.
      const setAside = quarantined.load();
      const damaged: DamagedRun[] = [];
      const good: StoredRunMeta[] = [];
      for (const raw of list as unknown[]) {
        const id = String((raw as { id?: unknown } | null)?.id);
        const rawName = (raw as { name?: unknown } | null)?.name;
        const name = typeof rawName === 'string' ? rawName.slice(0, 100) : undefined;
        const checked = Object.hasOwn(setAside, id) ? { ok: false as const, reason: setAside[id] } : checkStoredMeta(raw);
        if (checked.ok) good.push(checked.value);
        else damaged.push({ id, name, reason: checked.reason });
      }
      list = good;
      const here = new Set(store.getState().runs.map((r) => r.key));
      store.setState((s) => ({ history: s.history.reduce(upsertMeta, list), damaged, historyState: 'ready' }));
      // A run still 'running' in storage was cut off if no tab holds its lock: taking the lock proves it
      // (at once for a closed tab; after a reload, as soon as the old page has let go).
      for (const m of list.filter((x) => x.status === 'running' && !here.has(x.id))) {
        if (!locks) void orphaned(m.id);
        else void locks.request(runLockName(m.id), () => orphaned(m.id)).catch(() => {});
      }
    },
    open: async (id) =>
      void (await guarded('open the run', async () => {
        const run = await load(id);
        if (run) show(run.meta, run.rounds, 'history', true);
      })),
    async toggleOverlay(id) {
      const s = store.getState();
      if (s.runs.some((r) => r.key === id)) {
        if (s.activeRunKey !== id) store.setState({ runs: s.runs.filter((r) => r.key !== id), selectedRunKey: s.selectedRunKey === id ? null : s.selectedRunKey });
        return;
      }
      await guarded('show the run', async () => {
        const run = await load(id);
        if (run) show(run.meta, run.rounds, 'history', false);
      });
    },
    async remove(id) {
      if (store.getState().activeRunKey === id) return;
      await recorder.idle();
      await guarded('delete the run', () => storage.delete(id));
      const setAside = quarantined.load();
      if (Object.hasOwn(setAside, id)) {
        delete setAside[id];
        quarantined.save(setAside);
      }
      store.setState((s) => ({
        damaged: s.damaged.filter((d) => d.id !== id),
        history: s.history.filter((m) => m.id !== id),
        resumable: s.resumable.filter((m) => m.id !== id),
        runs: s.runs.filter((r) => r.key !== id || !r.source),
        selectedRunKey: s.selectedRunKey === id ? null : s.selectedRunKey,
      }));
    },
    async resume(id) {
      if (isBusy(store.getState().status)) return false;
      const run = await guarded('resume the run', async () => {
        const stored = await load(id);
        const meta = stored?.meta ?? store.getState().history.find((m) => m.id === id);
        return meta && { meta, checkpoint: stored?.artifacts.checkpoint };
      });
      if (!run) return false;
      const { meta, checkpoint } = run;
      const config = meta.config ?? normaliseConfig(meta.input);
      recorder.adopt(meta, checkpoint);
      store.setState((s) => ({ ...draftStateFor(config), resumable: s.resumable.filter((m) => m.id !== id) }));
      // The worker gets its own copy (transferred); the recorder keeps this one until a newer checkpoint arrives.
      return trainingController.continueRun({ key: id, label: meta.name, input: config, rounds: checkpoint?.results ?? [] }, checkpoint ? structuredClone(checkpoint) : null);
    },
    async importFiles(files) {
      for (const f of files) {
        if (isSweepFileName(f.name)) {
          await showSweep(f);
          continue;
        }
        let run;
        try {
          run = await importRunBlob(f);
        } catch (e) {
          notice('import-failed', `Could not open ${f.name}`, (e as Error)?.message ?? String(e));
          continue;
        }
        show(run.meta, run.rounds, 'file', true);
        await recorder.save(run);
      }
    },
    async exportRun(id) {
      const run = await guarded('export the run', () => load(id));
      return run ? { fileName: exportFileName(run.meta), bytes: exportRunFile(run.meta, run.rounds, run.artifacts) } : null;
    },
    async exportCsv(ids) {
      const runs = [];
      for (const id of ids) {
        const run = await load(id);
        if (run) runs.push(run);
      }
      const fileName = runs.length === 1 ? exportFileName(runs[0].meta, '.csv') : `sparse-lab-metrics-${new Date().toISOString().slice(0, 10)}.csv`;
      return { fileName, text: metricsCsv(runs) };
    },
    quarantine: (id, reason) => quarantine(id, reason),
  };
}
