import { createStore } from 'zustand/vanilla';
import { createBackendSlice, type BackendSlice } from './slices/backendSlice';
import { createConfigSlice, DEFAULT_PRESET, presetState, type ConfigSlice } from './slices/configSlice';
import { createDatasetSlice, type DatasetSlice } from './slices/datasetSlice';
import { createHistorySlice, type HistorySlice } from './slices/historySlice';
import { createResultsSlice, type ResultsSlice } from './slices/resultsSlice';
import { createRunSlice, type RunSlice } from './slices/runSlice';
import { linkInitialState } from './linkState';
import type { UrlOptions } from './url';

export type LabState = ConfigSlice & RunSlice & ResultsSlice & BackendSlice & DatasetSlice & HistorySlice;

/**
 * One store of four slices (config, run/progress, results, backend/ui),
 * framework-free so tests and the worker bridge use it without React;
 * components read it through the small hooks in hooks.ts.
 */
export function createLabStore(url: Pick<UrlOptions, 'presetId' | 'backend' | 'overrides' | 'shared' | 'linkError'> = { overrides: {} }) {
  const store = createStore<LabState>()((...a) => ({
    ...createConfigSlice(presetState(url.presetId ?? DEFAULT_PRESET, url.overrides))(...a),
    ...createRunSlice(...a),
    ...createResultsSlice(...a),
    ...createBackendSlice(url.backend ?? 'auto')(...a),
    ...createDatasetSlice(...a),
    ...createHistorySlice(...a),
  }));
  // A shared link's config and results (or why the link was refused) on top of the preset.
  store.setState(linkInitialState(store.getState(), url));
  return store;
}

export type LabStore = ReturnType<typeof createLabStore>;
