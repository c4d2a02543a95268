import type { StateCreator } from 'zustand/vanilla';
import type { BackendName } from '../../engine/backend/select';
import type { BackendInfo } from '../../worker/protocol';
import type { BackendChoice } from '../backendOrder';
import type { LabState } from '../labStore';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface Notice {
  id: number;
  level: NoticeLevel;
  /** 'diverged', 'layer-collapse', 'device-lost', … : lets the page attach the right advice. */
  code: string;
  title: string;
  text: string;
}

export interface BackendSlice {
  requestedBackend: BackendChoice;
  backend: BackendInfo | null;
  backendState: 'starting' | 'ready' | 'failed';
  /** Backends that crashed or lost their device this session; the fallback chain skips them. */
  failedBackends: BackendName[];
  notices: Notice[];
  /** The teaching captions under each chart; a teacher may hide them while projecting. */
  showExplanations: boolean;
  /** Registered datasets whose files the server has (null until checked). */
  datasetFiles: Record<string, boolean> | null;
  dismissNotice(id: number): void;
  toggleExplanations(): void;
}

export const createBackendSlice = (requested: BackendChoice): StateCreator<LabState, [], [], BackendSlice> => (set) => ({
  requestedBackend: requested,
  backend: null,
  backendState: 'starting',
  failedBackends: [],
  notices: [],
  showExplanations: true,
  datasetFiles: null,
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  toggleExplanations: () => set((s) => ({ showExplanations: !s.showExplanations })),
});

let nextNoticeId = 1;

/** Appends a notice unless the same one is already showing. */
export function addNotice(notices: Notice[], n: Omit<Notice, 'id'>): Notice[] {
  if (notices.some((x) => x.code === n.code && x.text === n.text)) return notices;
  return [...notices, { ...n, id: nextNoticeId++ }].slice(-8);
}
