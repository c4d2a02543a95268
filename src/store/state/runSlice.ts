import type { StateCreator } from 'zustand/vanilla';
import type { RunEvent } from '../../engine/spec';

export type RunStatus = 'idle' | 'loading' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

/** The latest progress event, as the engine emits it. */
export type ProgressState = Omit<Extract<RunEvent, { type: 'progress' }>, 'type'>;

export interface DataProgressState {
  file: string;
  loaded: number;
  total: number;
  done: boolean;
  /** Page clock when loading started, for the ETA. */
  startedAt: number;
}

export interface RunSlice {
  status: RunStatus;
  /** The run the worker is training now (a key into results.runs). */
  activeRunKey: string | null;
  progress: ProgressState | null;
  dataProgress: DataProgressState | null;
  /** Steps between rounds ("Pruning after round 2"). */
  phase: string | null;
  /** Position in a comparison preset's sequence of runs (null for a single run). */
  sequence: { index: number; total: number } | null;
}

const initialRunState: RunSlice = {
  status: 'idle',
  activeRunKey: null,
  progress: null,
  dataProgress: null,
  phase: null,
  sequence: null,
};

export const createRunSlice: StateCreator<RunSlice> = () => ({ ...initialRunState });

export const isBusy = (s: RunStatus) => s === 'loading' || s === 'running' || s === 'paused';
