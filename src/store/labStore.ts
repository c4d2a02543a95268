import { createStore } from 'zustand/vanilla';
import { createBackendSlice, type BackendSlice } from './slices/backendSlice';
import { createConfigSlice, DEFAULT_PRESET, presetState, type ConfigSlice } from './slices/configSlice';
import { createDatasetSlice, type DatasetSlice } from './slices/datasetSlice';
import { createResultsSlice, type ResultsSlice } from './slices/resultsSlice';
import { createRunSlice, type RunSlice } from './slices/runSlice';
import type { UrlOptions } from './url';

export type LabState = ConfigSlice & RunSlice & ResultsSlice & BackendSlice & DatasetSlice;

/**
 * One store of four slices (config, run/progress, results, backend/ui),
 * framework-free so tests and the worker bridge use it without React;
 * components read it through the small hooks in hooks.ts.
 */
export function createLabStore(url: Pick<UrlOptions, 'presetId' | 'backend' | 'overrides'> = { overrides: {} }) {
  return createStore<LabState>()((...a) => ({
    ...createConfigSlice(presetState(url.presetId ?? DEFAULT_PRESET, url.overrides))(...a),
    ...createRunSlice(...a),
    ...createResultsSlice(...a),
    ...createBackendSlice(url.backend ?? 'auto')(...a),
    ...createDatasetSlice(...a),
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;
