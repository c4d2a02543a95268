import type { StateCreator } from 'zustand/vanilla';
import type { BackendName } from '../../engine/spec';
import type { BackendInfo } from '../../worker/protocol';
import type { BackendChoice } from '../pure/backendOrder';

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
  /** The settings panel is shown (folded on narrow screens at first, and while presenting). */
  panelOpen: boolean;
  /** Presentation mode for a projector: bigger type, panel folded, charts large. */
  presenting: boolean;
  /** Shows a notice (unless the same one is already showing). */
  notify(n: Omit<Notice, 'id'>): void;
  /** Training samples/s of the last finished run per backend and model (runSpeedKey), remembered across visits. */
  runSpeeds: Record<string, number>;
  dismissNotice(id: number): void;
  toggleExplanations(): void;
  togglePanel(): void;
  togglePresenting(): void;
}

/** Below this width the panel and the charts share one column, so the panel starts folded. */
const WIDE_LAYOUT_PX = 1100;
const startsWide = () => typeof window === 'undefined' || window.innerWidth >= WIDE_LAYOUT_PX;

export const createBackendSlice = (requested: BackendChoice): StateCreator<BackendSlice> => (set) => ({
  requestedBackend: requested,
  backend: null,
  backendState: 'starting',
  failedBackends: [],
  notices: [],
  showExplanations: true,
  datasetFiles: null,
  panelOpen: startsWide(),
  presenting: false,
  notify: (n) => set((s) => ({ notices: addNotice(s.notices, n) })),
  runSpeeds: {},
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  toggleExplanations: () => set((s) => ({ showExplanations: !s.showExplanations })),
  togglePanel: () => set((s) => ({ panelOpen: !s.panelOpen })),
  // Presenting folds the panel away; leaving it brings the panel back as it was on a wide screen.
  togglePresenting: () => set((s) => ({ presenting: !s.presenting, panelOpen: s.presenting ? startsWide() : false })),
});

let nextNoticeId = 1;

/** Appends a notice unless the same one is already showing. */
export function addNotice(notices: Notice[], n: Omit<Notice, 'id'>): Notice[] {
  if (notices.some((x) => x.code === n.code && x.text === n.text)) return notices;
  return [...notices, { ...n, id: nextNoticeId++ }].slice(-8);
}
