import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { labStore } from './index';
import type { LabState } from './labStore';
import type { RoundPictures } from '../worker/protocol';
import type { RunRecord } from './slices/resultsSlice';
import { validateDraft } from './validate';
import { combineJobSizes, confirmationReason, expectedTime, jobSize } from '../engine/experiment/jobSize';
import { normaliseConfig } from '../engine/experiment/normalise';
import { comparisonQueue } from './comparison';
import { backendKindOf, measuredSamplesPerSecond } from './measuredSpeed';

/** Last resort: prefer the named hooks below, which select as little as they need. */
export const useLab = <T>(selector: (s: LabState) => T): T => useStore(labStore, selector);

export const useRunStatus = () => useLab((s) => s.status);
export const useProgress = () => useLab((s) => s.progress);
export const useDataProgress = () => useLab((s) => s.dataProgress);
export const usePhase = () => useLab((s) => s.phase);
export const useSequence = () => useLab((s) => s.sequence);
export const useBackendInfo = () => useLab(useShallow((s) => ({ info: s.backend, state: s.backendState, requested: s.requestedBackend })));
export const useNotices = () => useLab((s) => s.notices);
export const useShowExplanations = () => useLab((s) => s.showExplanations);
export const useView = () => useLab(useShallow((s) => ({ panelOpen: s.panelOpen, presenting: s.presenting, showHelp: s.showExplanations })));
export const useDraft = () => useLab((s) => s.draft);
export const usePreset = () => useLab(useShallow((s) => ({ id: s.presetId, edited: s.edited, compare: s.compare })));
export const useRuns = () => useLab((s) => s.runs);
export const useCifarData = () => useLab((s) => s.cifar);

/** The draft's validation, recomputed only when the draft (or the backend it must fit) changes. */
export function useValidation() {
  const draft = useDraft();
  const compare = useLab((s) => s.compare);
  const datasetFiles = useLab((s) => s.datasetFiles);
  const backendKind = useBackendKind();
  return useMemo(() => validateDraft(draft, { compare, datasetFiles, backendKind }), [draft, compare, datasetFiles, backendKind]);
}

/** The backend a run would train on (the one in use, else the one asked for, else WASM). */
export const useBackendKind = () => useLab(backendKindOf);

/**
 * Training samples/s this device measured for the draft's model (the run in
 * progress or the newest finished round trained here), or null: the job-size
 * line then says the time is unknown until calibrated.
 */
export const useMeasuredSamplesPerSecond = (): number | null => useLab(measuredSamplesPerSecond);

/** The valid draft's size, expected time on this device, and why Start should ask first (null: it need not). */
export function useJobEstimate() {
  const v = useValidation();
  const sps = useMeasuredSamplesPerSecond();
  const backend = useBackendKind();
  const draft = useDraft();
  const compare = useLab((s) => s.compare);
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
    const time = expectedTime(size, sps);
    return { size, time, backend, samplesPerSec: sps, confirm: confirmationReason(size, time, backend) };
  }, [size, sps, backend]);
}

/** The run the detail charts show: the one picked, else the newest. */
export function useSelectedRun(): RunRecord | null {
  const runs = useRuns();
  const selected = useLab((s) => s.selectedRunKey);
  return useMemo(() => (selected ? runs.find((r) => r.key === selected) : runs[runs.length - 1]) ?? null, [runs, selected]);
}

const NO_PICTURES: RoundPictures[] = [];

/** The selected run's curve in training now (null when it is not training). */
export const useLiveCurve = (runKey: string | undefined) => useLab((s) => (s.live && s.live.runKey === runKey ? s.live : null));
export const useRunMaskTrace = (runKey: string | undefined) => useLab((s) => (runKey ? s.maskTraces[runKey] ?? null : null));
export const useRunMasks = (runKey: string | undefined) => useLab((s) => (runKey ? s.masks[runKey] ?? null : null));
export const useRunPictures = (runKey: string | undefined) => useLab((s) => (runKey ? s.pictures[runKey] ?? NO_PICTURES : NO_PICTURES));
