import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/backend';
import { syntheticDataset } from '../testing/synthetic';
import { cellFileText, parseCellFile, type CellFile } from './cellFile';
import { executeCell } from './executeCell';
import { mergeCellFiles, parseMergedSweep } from './merged';
import { expandSweep } from './spec';

const ds = syntheticDataset();
const cells = expandSweep({ base: { model: 'mlp-tiny', training: { iterations: 12, evalEvery: 6 } }, methods: ['imp', 'snip'], densities: [0.5], seeds: [0, 1] });
let files: CellFile[];

beforeAll(async () => {
  await useNodeBackend('cpu');
  files = [];
  for (const c of cells) files.push(await executeCell(c, ds));
}, 60_000);

describe('cell files', () => {
  it('round-trip, with a masks digest that tells different masks apart', async () => {
    const f = files[0];
    const back = parseCellFile(cellFileText(f), 'x.json', f.runId);
    expect(back.runId).toBe(f.runId);
    expect(back.result.rounds.map((r) => r.finalTestAcc)).toEqual(f.result.rounds.map((r) => r.finalTestAcc));
    expect(new Set(files.map((x) => x.masksDigest)).size).toBe(files.length);
    expect((await executeCell(cells[0], ds)).masksDigest).toBe(f.masksDigest);
  });

  it('refuse a file that claims another run id, an edited config, reserved keys and garbage', () => {
    const f = files[0];
    const text = cellFileText(f);
    expect(() => parseCellFile(text, 'x.json', files[1].runId)).toThrow(/hashes to/);
    const edited = JSON.parse(text);
    edited.result.config.training.lr = 0.5;
    expect(() => parseCellFile(JSON.stringify(edited), 'x.json')).toThrow(/hashes to/);
    expect(() => parseCellFile(text.replace('"cell": {', '"cell": {"__proto__": {"polluted": 1},'), 'x.json')).toThrow(/reserved key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseCellFile('{"schema": 1', 'x.json')).toThrow(/not valid JSON/);
    expect(() => parseCellFile('{}', 'x.json')).toThrow(/not a sweep cell/);
  });
});

describe('merged sweeps', () => {
  it('merging shards equals merging the whole, and the page-side parser checks it', () => {
    const whole = mergeCellFiles([{ name: 'all', files }], 't').merged;
    const shards = mergeCellFiles([{ name: 's1', files: files.filter((_, i) => i % 2) }, { name: 's0', files: files.filter((_, i) => i % 2 === 0) }], 't').merged;
    expect(shards.cells).toEqual(whole.cells);
    expect(shards.rows).toEqual(whole.rows);
    expect(whole.rows.map((r) => `${r.method}@${r.density}:${r.seeds.join(',')}`)).toEqual(['imp@0.5:0,1', 'snip@0.5:0,1']);
    const back = parseMergedSweep(JSON.stringify(whole), 'sweep.json');
    expect(back.rows).toEqual(whole.rows);
  });

  it('reports a run id whose copies disagree, and refuses duplicate or reserved entries', () => {
    const other = { ...files[0], masksDigest: 'f'.repeat(16) };
    expect(mergeCellFiles([{ name: 'a', files }, { name: 'b', files: [other] }]).conflicts).toEqual([{ runId: files[0].runId, kept: 'a', dropped: 'b' }]);
    const m = mergeCellFiles([{ name: 'a', files }]).merged;
    expect(() => parseMergedSweep(JSON.stringify({ ...m, cells: [m.cells[0], m.cells[0]] }), 's.json')).toThrow(/twice/);
    expect(() => parseMergedSweep(JSON.stringify(m).replace('"cells":[', '"constructor":1,"cells":['), 's.json')).toThrow(/reserved/);
    expect(() => parseMergedSweep('{"schema":"sparse-lab/run@1"}', 's.json')).toThrow(/not a merged sweep/);
  });
});
