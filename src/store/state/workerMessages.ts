import type { FromWorker, LabEvent } from '../../worker/protocol';
import type { PageState } from './pageStore';
import { addNotice } from './backendSlice';
import type { RunRecord } from './resultsSlice';

type Patch = Partial<PageState>;

/**
 * Folds a batch of worker messages into the store in one pure step, so the
 * page re-renders once per batch (≤ 4 times a second) however many events
 * arrived. Request replies (masks, probe) never come here.
 */
export function reduceWorkerMessages(state: PageState, msgs: FromWorker[]): Patch {
  let s: PageState = state;
  for (const m of msgs) s = { ...s, ...reduceOne(s, m) };
  const patch: Patch = {};
  for (const k of Object.keys(s) as (keyof PageState)[]) {
    if (s[k] !== state[k]) (patch as Record<string, unknown>)[k] = s[k];
  }
  return patch;
}

function reduceOne(s: PageState, m: FromWorker): Patch {
  switch (m.type) {
    case 'ready':
      return { backend: m.backend, backendState: 'ready' };
    case 'paused':
      if (s.status !== 'running' && s.status !== 'paused') return {};
      return { status: m.paused ? 'paused' : 'running' };
    case 'run-failed':
      return {
        ...(m.runKey === s.activeRunKey ? { status: 'failed' as const, activeRunKey: null } : {}),
        runs: updateRun(s.runs, m.runKey, (r) => (r.status === 'interrupted' ? r : { ...r, status: 'failed', stoppedReason: m.message })),
        notices: addNotice(s.notices, { level: 'error', code: 'run-failed', title: 'The run could not continue', text: m.message }),
      };
    case 'fatal':
      return reduceFatal(s, m);
    case 'batch': {
      let out: PageState = s;
      for (const e of m.events) out = { ...out, ...(reduceEvent(out, m.runKey, e) ?? {}) };
      return out;
    }
    default:
      return {};
  }
}

function reduceFatal(s: PageState, m: Extract<FromWorker, { type: 'fatal' }>): Patch {
  if (m.reason === 'backend-failed') {
    return {
      backendState: 'failed',
      notices: addNotice(s.notices, { level: 'error', code: 'backend-failed', title: 'No compute backend could start', text: m.message }),
    };
  }
  // Device lost or worker crash: the active run is interrupted, its finished rounds stay.
  const key = s.activeRunKey;
  return {
    status: key ? 'failed' : s.status,
    activeRunKey: null,
    backendState: 'starting',
    runs: key ? updateRun(s.runs, key, (r) => ({ ...r, status: 'interrupted', stoppedReason: m.message })) : s.runs,
    live: null,
  };
}

function reduceEvent(s: PageState, runKey: string, e: LabEvent): Patch | undefined {
  const active = runKey === s.activeRunKey;
  const run = (fn: (r: RunRecord) => RunRecord): Patch => ({ runs: updateRun(s.runs, runKey, fn) });
  switch (e.type) {
    case 'data-progress':
      if (!active) return {};
      return {
        status: e.done ? s.status : 'loading',
        dataProgress: { file: e.file, loaded: e.loaded, total: e.total, done: e.done, startedAt: s.dataProgress?.startedAt ?? Date.now() },
      };
    case 'run-start':
      return {
        ...(active ? { status: 'running' as const, phase: null, dataProgress: s.dataProgress && { ...s.dataProgress, done: true } } : {}),
        ...run((r) => ({ ...r, config: e.config, plan: e.plan, status: 'running' })),
      };
    case 'phase':
      return active ? { phase: e.label } : {};
    case 'progress': {
      if (!active) return {};
      const { type: _t, ...p } = e;
      return { progress: p, phase: null };
    }
    case 'eval': {
      const l = s.live;
      const same = l && l.runKey === runKey && l.series === e.series && l.round === e.round;
      return { live: { runKey, series: e.series, round: e.round, points: same ? [...l.points, e.point] : [e.point] } };
    }
    case 'masks': {
      const masks = { ...s.masks, [runKey]: { series: e.series, round: e.round, density: e.density, layers: e.layers, reason: e.reason } };
      if (!e.trace) return { masks };
      const prev = s.maskTraces[runKey];
      const same = prev && prev.series === e.series && prev.round === e.round;
      const trace = { series: e.series, round: e.round, layerNames: e.layers.map((l) => l.name), points: same ? [...prev.points, e.trace] : [e.trace] };
      return { masks, maskTraces: { ...s.maskTraces, [runKey]: trace } };
    }
    case 'warning':
      return {
        ...(e.code === 'diverged' && active ? { status: 'paused' as const } : {}),
        notices: addNotice(s.notices, warningNotice(e.code, e.message)),
      };
    case 'round-end':
      return { ...run((r) => ({ ...r, rounds: [...r.rounds, e.result] })), live: null };
    case 'lmc':
      return run((r) => ({ ...r, lmc: [...(r.lmc ?? []), e.point] }));
    case 'pictures': {
      const p = e.pictures;
      const others = (s.pictures[runKey] ?? []).filter((q) => !(q.series === p.series && q.round === p.round && q.phase === p.phase));
      return { pictures: { ...s.pictures, [runKey]: [...others, p] } };
    }
    case 'run-end': {
      const stopped = Boolean(e.result.stoppedReason);
      return {
        ...(active ? { status: stopped ? ('stopped' as const) : ('finished' as const), activeRunKey: null, phase: null } : {}),
        // A run already marked interrupted (its device was lost) keeps that status.
        ...run((r) => (r.status === 'interrupted' ? r : { ...r, status: stopped ? 'stopped' : 'finished', stoppedReason: e.result.stoppedReason, backend: e.result.backend })),
        live: null,
      };
    }
  }
}

function warningNotice(code: Extract<LabEvent, { type: 'warning' }>['code'], message: string) {
  switch (code) {
    case 'diverged':
      return {
        level: 'error' as const, code, title: 'Training diverged — the run is paused',
        text: `${message} Lower the learning rate (for Adam try 1e-3 or less, for SGD 0.05 or less), then start again; or press Resume to continue anyway.`,
      };
    case 'layer-collapse':
      return { level: 'warning' as const, code, title: 'A layer lost all its weights', text: message };
    case 'ignored-setting':
      return { level: 'warning' as const, code, title: 'A setting has no effect in this run', text: message };
    case 'no-validation':
      return { level: 'info' as const, code, title: 'No early stop', text: message };
    default:
      return { level: 'info' as const, code, title: 'Note', text: message };
  }
}

function updateRun(runs: RunRecord[], key: string, fn: (r: RunRecord) => RunRecord): RunRecord[] {
  const i = runs.findIndex((r) => r.key === key);
  if (i < 0) return runs;
  const out = runs.slice();
  out[i] = fn(runs[i]);
  return out;
}
