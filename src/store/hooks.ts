import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { labStore } from './index';
import type { LabState } from './labStore';
import type { RoundPictures } from '../worker/protocol';
import type { RunRecord } from './slices/resultsSlice';
import { validateDraft } from './validate';

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
export const useDraft = () => useLab((s) => s.draft);
export const usePreset = () => useLab(useShallow((s) => ({ id: s.presetId, edited: s.edited, compare: s.compare })));
export const useRuns = () => useLab((s) => s.runs);
export const useCifarData = () => useLab((s) => s.cifar);

/** The draft's validation, recomputed only when the draft changes. */
export function useValidation() {
  const draft = useDraft();
  const compare = useLab((s) => s.compare);
  const datasetFiles = useLab((s) => s.datasetFiles);
  return useMemo(() => validateDraft(draft, { compare, datasetFiles }), [draft, compare, datasetFiles]);
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
export const useRunMasks = (runKey: string | undefined) => useLab((s) => (runKey ? s.masks[runKey] ?? null : null));
export const useRunPictures = (runKey: string | undefined) => useLab((s) => (runKey ? s.pictures[runKey] ?? NO_PICTURES : NO_PICTURES));
