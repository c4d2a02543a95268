import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { pageStore } from './index';
import type { PageState } from './state/pageStore';
import type { RoundPictures } from '../worker/protocol';
import type { RunRecord } from './state/resultsSlice';
import { validateDraft } from './pure/validate';
import { combineJobSizes, confirmationReason, expectedTime, jobSize, normaliseConfig, routeOf, stepCost } from '../engine/spec';
import { comparisonQueue } from './pure/comparison';
import { backendKindOf, measuredSpeed, sparseKernelsOn } from './state/measuredSpeed';

/** Last resort: prefer the named hooks below, which select as little as they need. */
export const usePageState = <T>(selector: (s: PageState) => T): T => useStore(pageStore, selector);

export const useRunStatus = () => usePageState((s) => s.status);
export const useProgress = () => usePageState((s) => s.progress);
export const useDataProgress = () => usePageState((s) => s.dataProgress);
export const usePhase = () => usePageState((s) => s.phase);
export const useSequence = () => usePageState((s) => s.sequence);
export const useBackendInfo = () => usePageState(useShallow((s) => ({ info: s.backend, state: s.backendState, requested: s.requestedBackend })));
export const useNotices = () => usePageState((s) => s.notices);
export const useShowExplanations = () => usePageState((s) => s.showExplanations);
export const useView = () => usePageState(useShallow((s) => ({ panelOpen: s.panelOpen, presenting: s.presenting, showHelp: s.showExplanations })));
export const useDraft = () => usePageState((s) => s.draft);
export const usePreset = () => usePageState(useShallow((s) => ({ id: s.presetId, edited: s.edited, compare: s.compare })));
export const useRuns = () => usePageState((s) => s.runs);
export const useCifarData = () => usePageState((s) => s.cifar);

/** The draft's validation, recomputed only when the draft (or the backend it must fit) changes. */
export function useValidation() {
  const draft = useDraft();
  const compare = usePageState((s) => s.compare);
  const datasetFiles = usePageState((s) => s.datasetFiles);
  const backendKind = useBackendKind();
  return useMemo(() => validateDraft(draft, { compare, datasetFiles, backendKind }), [draft, compare, datasetFiles, backendKind]);
}

/** The backend a run would train on (the one in use, else the one asked for, else WASM). */
const useBackendKind = () => usePageState(backendKindOf);

/**
 * Dense training samples/s this device measured for the draft's model, and where from (the
 * calibration, or a run trained here normalised by the densities it trained
 * at), or null: the job-size line then says the time is unknown until calibrated.
 */
const useMeasuredSpeed = () => usePageState(useShallow((s) => {
  const m = measuredSpeed(s);
  return { samplesPerSec: twoDigits(m?.samplesPerSec ?? null), source: m?.source ?? null };
}));

/**
 * A speed to two significant digits (11,676 → 12,000): the live rate wobbles at every progress report,
 * and the estimate, Start and the job-size line need not re-render for a few per cent.
 */
const twoDigits = (v: number | null) => (v === null || !(v > 0) ? v : +v.toPrecision(2));

/** The valid draft's size, expected time on this device, and why Start should ask first (null: it need not). */
export function useJobEstimate() {
  const v = useValidation();
  // One pass over the runs per store update: this selector runs at every progress report.
  const { samplesPerSec: sps, source: speedSource } = useMeasuredSpeed();
  const backend = useBackendKind();
  const sparseKernels = usePageState(sparseKernelsOn);
  const draft = useDraft();
  const compare = usePageState((s) => s.compare);
  const config = v.ok ? v.config : null;
  // A comparison preset runs its whole queue after one Start: its size is the queue's.
  const size = useMemo(() => {
    if (!config) return null;
    if (!compare) return jobSize(config);
    try {
      return combineJobSizes(comparisonQueue(draft, compare).map((q) => jobSize(normaliseConfig(q.config))).filter((s) => s !== null));
    } catch {
      return null;
    }
  }, [config, compare, draft]);
  return useMemo(() => {
    if (!size) return null;
    const time = expectedTime(size, sps, sparseKernels);
    // Whether any of the job's work is priced below dense (the line then says so).
    const sparsePriced = time.basis === 'measured' && sparseKernels && size.work.some((w) => w.samples > 0 && stepCost(w.density, routeOf(size, true)) < 1);
    return { size, time, backend, samplesPerSec: sps, speedSource, sparsePriced, confirm: confirmationReason(size, time, backend) };
  }, [size, sps, speedSource, backend, sparseKernels]);
}

/** The run the detail charts show: the one picked, else the newest. */
export function useSelectedRun(): RunRecord | null {
  const runs = useRuns();
  const selected = usePageState((s) => s.selectedRunKey);
  return useMemo(() => (selected ? runs.find((r) => r.key === selected) : runs[runs.length - 1]) ?? null, [runs, selected]);
}

const NO_PICTURES: RoundPictures[] = [];

/** The selected run's curve in training now (null when it is not training). */
export const useLiveCurve = (runKey: string | undefined) => usePageState((s) => (s.live && s.live.runKey === runKey ? s.live : null));
export const useRunMaskTrace = (runKey: string | undefined) => usePageState((s) => (runKey ? s.maskTraces[runKey] ?? null : null));
export const useRunMasks = (runKey: string | undefined) => usePageState((s) => (runKey ? s.masks[runKey] ?? null : null));
export const useRunPictures = (runKey: string | undefined) => usePageState((s) => (runKey ? s.pictures[runKey] ?? NO_PICTURES : NO_PICTURES));
