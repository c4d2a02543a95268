import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePageState } from './hooks';
import type { RunRecord } from './state/resultsSlice';

/** Named hooks for the history, share and resume UI (hooks.ts holds those of the panel, the run and the charts). */
export const useHistoryList = () => usePageState((s) => s.history);
export const useHistoryState = () => usePageState((s) => s.historyState);
export const useDamagedRuns = () => usePageState((s) => s.damaged);
export const useResumable = () => usePageState((s) => s.resumable[0] ?? null);
export const useLinkRun = () => usePageState((s) => s.runs.find((r) => r.source === 'link') ?? null);
export const useActiveRunKey = () => usePageState((s) => s.activeRunKey);

/** Keys of the runs on the charts, as a set. */
export function useRunKeysOnCharts(): Set<string> {
  const keys = usePageState(useShallow((s) => s.runs.map((r) => r.key)));
  return useMemo(() => new Set(keys), [keys]);
}

/** The run whose results a share link can carry: the selected one if it has finished rounds, else the newest finished run. */
export function useShareableRun(): RunRecord | null {
  const runs = usePageState((s) => s.runs);
  const selected = usePageState((s) => s.selectedRunKey);
  return useMemo(() => {
    const ok = (r: RunRecord | undefined): r is RunRecord => Boolean(r && r.config && r.rounds.length > 0 && r.status !== 'running' && r.status !== 'queued');
    const picked = runs.find((r) => r.key === selected);
    if (ok(picked)) return picked;
    return [...runs].reverse().find((r) => ok(r) && r.status === 'finished') ?? null;
  }, [runs, selected]);
}
