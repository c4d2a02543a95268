import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeCellFiles } from '../engine/sweep/merged';
import { readCellDir } from '../node/sweepDir';

/**
 * The sweep CLI end to end on tiny MNIST cells, in real worker processes:
 * a sweep killed halfway and started again trains only the missing cells,
 * and two shards (two separate invocations) merged equal the unsharded
 * sweep cell by cell (run id, masks digest, accuracies).
 */
const ROOT = resolve(__dirname, '..', '..');
const tmp = mkdtempSync(join(os.tmpdir(), 'sweep-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SPEC = join(tmp, 'tiny.yaml');
writeFileSync(SPEC, `# 2 seeds × (dense + IMP + 2 × random-erk + 2 × snip) = 12 cells
base:
  model: mlp-tiny
  data: { dataset: mnist, trainSubset: 400, testSubset: 200, valSize: 100 }
  training: { optimizer: adam, lr: 0.01, batchSize: 32, iterations: 16, evalEvery: 8 }
methods: [dense, imp, random-erk, snip]
densities: [0.5, 0.2]
seeds: [0, 1]
`);

function lab(args: string[], onStdout?: (text: string, kill: () => void) => void): Promise<{ code: number | null; out: string }> {
  return new Promise((res) => {
    // Its own process group, so a kill takes the workers too, as a killed job would.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const kill = () => process.kill(-child.pid!, 'SIGKILL');
    child.stdout.on('data', (d) => { out += d; onStdout?.(out, kill); });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => res({ code, out }));
  });
}

const trainedIds = (out: string) => [...out.matchAll(/^\[\d+\/\d+\] .* (run_[0-9a-f]{16}) ·/gm)].map((m) => m[1]);
const key = (c: { runId: string; masksDigest: string; rounds: { series: string; round: number; finalTestAcc: number; earlyStopTestAcc: number; earlyStopStep: number }[] }) =>
  JSON.stringify([c.runId, c.masksDigest, c.rounds.map((r) => [r.series, r.round, r.finalTestAcc, r.earlyStopTestAcc, r.earlyStopStep])]);

describe('lab sweep (worker processes, tiny MNIST cells)', () => {
  const whole = join(tmp, 'whole');

  it('a sweep killed halfway and started again trains only the missing cells', async () => {
    const first = await lab(['sweep', '--file', SPEC, '--dir', whole, '--jobs', '1', '--quiet'], (out, kill) => {
      if (trainedIds(out).length >= 4) kill();
    });
    expect(first.code).toBeNull(); // killed
    const before = readdirSync(whole).filter((n) => n.endsWith('.json'));
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(12);
    const mtimes = new Map(before.map((n) => [n, statSync(join(whole, n)).mtimeMs]));

    const second = await lab(['sweep', '--file', SPEC, '--dir', whole, '--jobs', '2', '--quiet']);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain(`12 cells: ${before.length} already in`);
    const again = trainedIds(second.out);
    expect(again.length).toBe(12 - before.length);
    expect(again.filter((id) => mtimes.has(`${id}.json`))).toEqual([]);
    for (const [n, t] of mtimes) expect(statSync(join(whole, n)).mtimeMs).toBe(t);
    expect(readdirSync(whole).filter((n) => n.endsWith('.json')).length).toBe(12);
  }, 240_000);

  it('two shards, run separately and merged, equal the unsharded sweep cell by cell', async () => {
    const shards = [0, 1].map((i) => join(tmp, `shard${i}`));
    for (const [i, dir] of shards.entries()) {
      const r = await lab(['sweep', '--file', SPEC, '--dir', dir, '--shard', `${i}/2`, '--jobs', '1', '--quiet']);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain(`shard ${i}/2: 6 of 12 cells`);
    }
    const warn = (s: string) => { throw new Error(s); };
    const merged = mergeCellFiles(shards.map((d) => ({ name: d, files: readCellDir(d, warn) })), 't');
    const unsharded = mergeCellFiles([{ name: whole, files: readCellDir(whole, warn) }], 't');
    expect(merged.conflicts).toEqual([]);
    expect(merged.merged.cells.length).toBe(12);
    expect(merged.merged.cells.map(key)).toEqual(unsharded.merged.cells.map(key));
    expect(merged.merged.rows).toEqual(unsharded.merged.rows);
  }, 240_000);
});
