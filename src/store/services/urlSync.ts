import { encodeHash, type RunConfig, type ResultsSummary } from '../../engine/spec';
import type { PageStore } from '../state/pageStore';
import { validateDraft } from '../pure/validate';

/** Query keys the hash makes redundant (its config already holds them), and `autostart`, which old links may carry (it is ignored). */
const SUPERSEDED = ['seed', 'iterations', 'trainSubset', 'rounds', 'autostart'];

/**
 * A link to share: the page's address, `?preset=ID` when the config started
 * from a preset (so the panel names it, and a comparison preset keeps its
 * grid), and the hash with the config and, optionally, results.
 */
export function shareLink(loc: { origin: string; pathname: string }, presetId: string | null, config: RunConfig, summary?: ResultsSummary): string {
  return `${loc.origin}${loc.pathname}${presetId ? `?preset=${encodeURIComponent(presetId)}` : ''}${encodeHash(config, summary)}`;
}

/** The address bar for the current draft: other query keys (backend=…) stay, the preset follows the panel. */
export function addressFor(loc: { pathname: string; search: string }, presetId: string | null, hash: string): string {
  const q = new URLSearchParams(loc.search);
  for (const k of SUPERSEDED) q.delete(k);
  if (presetId) q.set('preset', presetId);
  else q.delete('preset');
  const search = q.toString();
  return `${loc.pathname}${search ? `?${search}` : ''}${hash}`;
}

export interface UrlHost {
  location: { pathname: string; search: string; hash: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url: string): void };
}

/**
 * Keeps the address bar in step with the panel, so it is always a link to
 * the experiment shown: written at once when the page opened without a hash
 * (or with one that could not be read, so a reload does not repeat the
 * error), then after every edit with `history.replaceState` (no history entry
 * per keystroke), at most once per `delayMs`. An invalid draft leaves the
 * last valid address. A valid link is left as it is until the first edit, so
 * its results (`r=`) survive a reload.
 */
export function startUrlSync(store: PageStore, host: UrlHost, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const s = store.getState();
    const v = validateDraft(s.draft);
    if (!v.ok) return;
    const url = addressFor(host.location, s.presetId, encodeHash(v.config));
    if (url !== `${host.location.pathname}${host.location.search}${host.location.hash}`) host.history.replaceState(host.history.state, '', url);
  };
  if (!host.location.hash || store.getState().notices.some((n) => n.code === 'share-link')) write();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.draft === prev.draft && s.presetId === prev.presetId) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, delayMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
