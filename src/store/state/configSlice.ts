import type { StateCreator } from 'zustand/vanilla';
import type { RunConfig } from '../../engine/spec';
import { draftMatches, draftStateFor, presetState, type ConfigState } from './configState';
import { setIn } from '../pure/setIn';

/** The draft the panel edits, and the named actions that change it. */
export interface ConfigSlice extends ConfigState {
  setDraft(path: readonly string[], value: unknown): void;
  loadPreset(id: string): void;
  /** A config from elsewhere (a link's re-run), unless the panel already holds it: the panel names its preset if it is one. */
  loadConfig(config: RunConfig): void;
  /** Run the draft's single method instead of the preset's comparison. */
  clearComparison(): void;
}

export const createConfigSlice = (initial: ConfigState): StateCreator<ConfigSlice> => (set) => ({
  ...initial,
  // Shared settings edit the whole comparison; choosing a method means running that one method.
  setDraft: (path, value) =>
    set((s) => ({ draft: setIn(s.draft, path, value), edited: true, compare: path[0] === 'method' ? null : s.compare })),
  loadPreset: (id) => set(presetState(id)),
  loadConfig: (config) => set((s) => (draftMatches(s, config) ? {} : draftStateFor(config))),
  clearComparison: () => set({ compare: null, edited: true }),
});
