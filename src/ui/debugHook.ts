import type { SeriesId } from '../engine/spec';
import { trainingController, pageStore, runHistory } from '../store';

/** FNV-1a over every layer's mask bytes, in layer-name order. */
export function masksDigest(masks: Record<string, Uint8Array>): string {
  let h = 0x811c9dc5;
  for (const name of Object.keys(masks).sort()) {
    for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
    for (const b of masks[name]) h = Math.imul(h ^ b, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * `window.__sparseLab`: what end-to-end tests (and curious students in the
 * console) can ask the page. Masks come back as plain arrays of 0/1 per layer.
 */
export function installDebugHook(): void {
  const hook = {
    state: () => pageStore.getState(),
    probe: () => trainingController.probe(),
    async masks(series: SeriesId = 'trunk', round = 1) {
      const m = await trainingController.masks(series, round);
      return m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Array.from(v)]));
    },
    async masksDigest(series: SeriesId = 'trunk', round = 1) {
      const m = await trainingController.masks(series, round);
      return m && masksDigest(m);
    },
    loseDevice: () => trainingController.loseDevice(),
    slowEvaluation: (delayMs: number, chunk: number) => trainingController.slowEvaluation(delayMs, chunk),
    /** The run history as listed, and the digest of a stored run's final masks (what a reload and resume must reproduce). */
    history: () => pageStore.getState().history,
    async storedMasksDigest(id: string) {
      await runHistory.recorder.idle();
      const { masks } = await runHistory.storage.artifacts(id);
      return masks ? masksDigest(masks) : null;
    },
  };
  (window as unknown as { __sparseLab: typeof hook }).__sparseLab = hook;
}
