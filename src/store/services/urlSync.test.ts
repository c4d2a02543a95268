import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoundResult } from '../../engine/experiment/events';
import { normaliseConfig } from '../../engine/experiment/normalise';
import { encodeHash, summariseResults } from '../../engine/io/urlCodec';
import { getMethod } from '../../engine/methods/registry';
import { getPreset, presets } from '../../engine/presets';
import { createPageStore } from '../state/pageStore';
import { presetMatching } from '../state/configState';
import { LINK_RUN_KEY, linkSummary } from '../state/linkState';
import { parseUrlOptions } from '../pure/url';
import { addressFor, shareLink, startUrlSync, type UrlHost } from './urlSync';

const ORIGIN = { origin: 'https://sparse-lab.example', pathname: '/' };

/** Fake results for every training a preset's run plans: trunk rounds, plus each control from round 1. */
function fullResults(id: string): RoundResult[] {
  const config = normaliseConfig(getPreset(id).config);
  const rounds = getMethod(config.method.id).rounds(config.method.params as never);
  const out: RoundResult[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const series of ['trunk', ...(r > 0 ? config.controls : [])] as RoundResult['series'][]) {
      out.push({
        series, round: r, density: 0.8 ** r, layers: [], earlyStopStep: 1234 + r, earlyStopValAcc: 0.97, earlyStopTestAcc: 0.9731 - r / 997,
        finalTestAcc: 0.9702 - r / 991, finalValAcc: 0.97, curve: [], steps: 1, seconds: 1, samplesPerSec: 1,
      });
    }
  }
  return out;
}

describe('share links', () => {
  it('fit a chat message for every preset, with and without results (lengths printed for the report)', () => {
    const rows = presets.map((p) => {
      const config = normaliseConfig(p.config);
      const plain = shareLink(ORIGIN, p.id, config);
      const rounds = fullResults(p.id);
      const withResults = shareLink(ORIGIN, p.id, config, summariseResults({ rounds }));
      return { preset: p.id, trainings: rounds.length, hash: encodeHash(config).length, link: plain.length, withResults: withResults.length };
    });
    console.log(`share link lengths (origin ${ORIGIN.origin}/):\n${rows.map((r) => `  ${r.preset.padEnd(26)} hash ${String(r.hash).padStart(4)}  link ${String(r.link).padStart(4)}  with results (${r.trainings} trainings) ${r.withResults}`).join('\n')}`);
    for (const r of rows) {
      expect(r.link, r.preset).toBeLessThan(400);
      expect(r.withResults, r.preset).toBeLessThan(2000);
    }
  });

  it('open as the same config and results; the panel names the preset', () => {
    const config = normaliseConfig({ ...getPreset('tiny-test').config, seed: 9 });
    const rounds = fullResults('tiny-test');
    const url = new URL(shareLink(ORIGIN, 'tiny-test', config, summariseResults({ rounds })));
    const store = createPageStore(parseUrlOptions(url.search, url.hash));
    const s = store.getState();
    expect(normaliseConfig(s.draft)).toEqual(config);
    expect(s).toMatchObject({ presetId: 'tiny-test', edited: true, selectedRunKey: LINK_RUN_KEY });
    const run = s.runs[0];
    expect(run).toMatchObject({ key: LINK_RUN_KEY, source: 'link', status: 'finished', config });
    expect(run.rounds.map((r) => [r.series, r.round, r.density])).toEqual(rounds.map((r) => [r.series, r.round, +r.density.toFixed(4)]));
    expect(run.rounds[1].earlyStopTestAcc).toBeCloseTo(rounds[1].earlyStopTestAcc, 4);
  });

  it('without ?preset=, a config equal to a preset is named after it; any other is custom', () => {
    expect(presetMatching(normaliseConfig(getPreset('ticket-vs-reinit').config))).toBe('ticket-vs-reinit');
    const store = createPageStore(parseUrlOptions('', encodeHash(normaliseConfig({ seed: 77 }))));
    expect(store.getState()).toMatchObject({ presetId: null, edited: false, runs: [] });
  });

  const good = encodeHash(normaliseConfig(getPreset('tiny-test').config));
  const bad: [string, string, RegExp][] = [
    ['malformed', '#c=abc', /no version/],
    ['truncated', good.slice(0, good.length - 8), /damaged/],
    ['tampered', good.replace(/(c=.{12})(.)/, (_, head, ch) => `${head}${ch === 'A' ? 'B' : 'A'}`), /damaged/],
    ['oversized', `#v=1&c=${'x'.repeat(20_000)}`, /too long/],
    ['unknown-version', good.replace('v=1', 'v=2'), /version 2/],
  ];
  it.each(bad)('a %s link gets a dismissible notice and the defaults', (_, hash, message) => {
    const url = parseUrlOptions('?backend=wasm', hash);
    expect(url.linkError).toMatch(message);
    const s = createPageStore(url).getState();
    expect(s.notices).toEqual([expect.objectContaining({ code: 'share-link', level: 'error', text: expect.stringMatching(message) })]);
    expect(s.presetId).toBe('lth-mnist-quick');
    expect(s.draft).toEqual(getPreset('lth-mnist-quick').config);
    expect(s.requestedBackend).toBe('wasm');
  });
});

describe('address bar sync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const host = (search: string, hash = ''): UrlHost & { writes: string[] } => {
    const h = {
      writes: [] as string[],
      location: { pathname: '/lab/', search, hash },
      history: {
        state: null,
        replaceState(_d: unknown, _u: string, url: string) {
          h.writes.push(url);
          const u = new URL(url, 'http://x');
          h.location = { pathname: u.pathname, search: u.search, hash: u.hash };
        },
      },
    };
    return h;
  };

  it('keeps backend=, follows the preset and drops what the hash supersedes', () => {
    expect(addressFor({ pathname: '/', search: '?preset=tiny-test&backend=wasm&iterations=30&autostart=1' }, 'ticket-vs-reinit', '#v=1&c=x&k=y'))
      .toBe('/?preset=ticket-vs-reinit&backend=wasm#v=1&c=x&k=y');
    expect(addressFor({ pathname: '/', search: '?preset=tiny-test' }, null, '#h')).toBe('/#h');
  });

  it('rewrites the hash once per burst of edits, never for an invalid draft, and the result opens as the same config', () => {
    const store = createPageStore(parseUrlOptions('?preset=tiny-test&backend=wasm'));
    const h = host('?preset=tiny-test&backend=wasm');
    startUrlSync(store, h, 300);
    h.writes.length = 0; // the address written on opening
    for (const lr of [0.01, 0.02, 0.03]) {
      store.getState().setDraft(['training', 'lr'], lr);
      vi.advanceTimersByTime(100);
    }
    expect(h.writes).toHaveLength(0);
    vi.advanceTimersByTime(300);
    expect(h.writes).toHaveLength(1);
    store.getState().setDraft(['training', 'lr'], -1);
    vi.advanceTimersByTime(400);
    expect(h.writes).toHaveLength(1);
    const reopened = createPageStore(parseUrlOptions(h.location.search, h.location.hash)).getState();
    expect(reopened.draft.training?.lr).toBe(0.03);
    expect(reopened.presetId).toBe('tiny-test');
    expect(reopened.requestedBackend).toBe('wasm');
  });

  it('writes the address at once for a page opened without a hash or with an unreadable one, not for a good link', () => {
    const bad = host('?backend=wasm', '#v=1&c=zz&k=0');
    startUrlSync(createPageStore(parseUrlOptions(bad.location.search, bad.location.hash)), bad);
    expect(bad.writes).toEqual([`/lab/?backend=wasm&preset=lth-mnist-quick${encodeHash(normaliseConfig(getPreset('lth-mnist-quick').config))}`]);
    const plain = host('?preset=tiny-test&iterations=30&autostart=1');
    startUrlSync(createPageStore(parseUrlOptions(plain.location.search)), plain);
    expect(plain.writes).toHaveLength(1);
    expect(plain.location.search).toBe('?preset=tiny-test');
    expect(normaliseConfig(createPageStore(parseUrlOptions(plain.location.search, plain.location.hash)).getState().draft).training.iterations).toBe(30);
    const link = host('', shareLink(ORIGIN, null, normaliseConfig({ seed: 4 }), { trunk: [[10000, 9000, 9000, 100]] }).slice(ORIGIN.origin.length + 1));
    startUrlSync(createPageStore(parseUrlOptions('', link.location.hash)), link);
    expect(link.writes).toEqual([]);
  });
});

describe('linkSummary', () => {
  it('leaves out a diverged training, whose NaN a link cannot carry', () => {
    const rounds = fullResults('tiny-test');
    rounds[1] = { ...rounds[1], earlyStopTestAcc: Number.NaN };
    const url = new URL(shareLink(ORIGIN, null, normaliseConfig(getPreset('tiny-test').config), linkSummary(rounds)));
    const s = createPageStore(parseUrlOptions(url.search, url.hash)).getState();
    expect(s.notices).toEqual([]);
    expect(s.runs[0].rounds).toHaveLength(rounds.length - 1);
  });
});
