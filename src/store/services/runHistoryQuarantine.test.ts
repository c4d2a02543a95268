import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../../engine/experiment/normalise';
import { localQuarantine } from '../../storage/quarantine';
import { memoryRunStorage, type StoredRunMeta } from '../../storage/runStorage';
import { createRunHistory } from './runHistory';
import { createPageStore } from '../state/pageStore';
import { round } from '../state/testing';

const config = normaliseConfig({ model: 'mlp-tiny' });
const meta = (id: string, extra: Record<string, unknown> = {}): StoredRunMeta => ({
  id, name: `run ${id}`, methodId: 'imp', model: 'mlp-tiny', dataset: 'mnist', seed: 0, createdAt: '2026-11-30T00:00:00.000Z', updatedAt: '2026-11-30T00:00:00.000Z',
  backend: 'wasm', status: 'stopped', origin: 'file', input: config, config, rounds: 1, sparsest: 1, best: 0.9, seconds: 1, hasTicket: false, ...extra,
} as StoredRunMeta);

/** A localStorage stand-in shared by two "visits". */
function fakeLocalStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

function visit(storage: ReturnType<typeof memoryRunStorage>, local: ReturnType<typeof fakeLocalStorage>) {
  const store = createPageStore({ presetId: 'tiny-test', overrides: {} });
  const history = createRunHistory(store, storage, { listen: () => () => {}, continueRun: () => true }, undefined, localQuarantine(local));
  return { store, history };
}

describe('damaged stored runs are quarantined, never rendered', () => {
  it('a row whose checkpoint round is an object is listed as damaged instead of reaching the tooltip', async () => {
    const storage = memoryRunStorage();
    await storage.save({ meta: meta('good'), rounds: [round('trunk', 0, 1)] });
    await storage.save({ meta: meta('bad', { checkpointRound: { toString: 1 } }), rounds: [] });
    const { store, history } = visit(storage, fakeLocalStorage());
    await history.init();
    expect(store.getState().history.map((m) => m.id)).toEqual(['good']);
    expect(store.getState().damaged).toEqual([{ id: 'bad', name: 'run bad', reason: expect.stringMatching(/^checkpointRound: /) }]);
  });

  it('a run whose rounds or checkpoint fail to load is set aside for this and every later visit, until removed', async () => {
    const storage = memoryRunStorage();
    await storage.save({ meta: meta('r'), rounds: [{ ...round('trunk', 0, 1), density: 'lots' } as never] });
    await storage.save({ meta: meta('c', { checkpointRound: 1 }), rounds: [], artifacts: { checkpoint: { schema: 'sparse-lab/checkpoint@1', results: 5 } as never } });
    const local = fakeLocalStorage();
    const first = visit(storage, local);
    await first.history.init();
    await first.history.open('r');
    expect(await first.history.resume('c')).toBe(false);
    const s = first.store.getState();
    expect(s.runs.some((r) => r.key === 'r')).toBe(false);
    expect(s.damaged.map((d) => d.id).sort()).toEqual(['c', 'r']);
    expect(s.notices.map((n) => n.text)).toContainEqual(expect.stringMatching(/^This stored run is damaged \(its rounds: 0\.density: .*\); it was set aside in the history list, where it can be removed\.$/));
    expect(s.damaged.find((d) => d.id === 'c')?.reason).toMatch(/^its checkpoint: /);

    const later = visit(storage, local);
    await later.history.init();
    expect(later.store.getState().history).toEqual([]);
    expect(later.store.getState().damaged.map((d) => d.id).sort()).toEqual(['c', 'r']);
    await later.history.remove('r');
    expect(later.store.getState().damaged.map((d) => d.id)).toEqual(['c']);
    expect(await storage.get('r')).toBeNull();
  });
});
