import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../engine/errors';
import type { RunCheckpoint } from '../engine/experiment/checkpoint';
import { normaliseConfig } from '../engine/experiment/normalise';
import { decodeRunFile, encodeRunFile } from '../engine/io/runFile';
import { readBoundedFile } from '../node/boundedRead';
import { configFromFlags, parseArgs, RUN_FLAGS } from './args';
import { specFromFlags } from './compare';

const cfg = (argv: string[]) => normaliseConfig(configFromFlags(parseArgs(argv, RUN_FLAGS).flags));
const dir = mkdtempSync(join(tmpdir(), 'sparse-lab-cli-'));

describe('CLI flag values are checked against their choices', () => {
  it.each([
    [['--backend', 'banana'], "--backend: unknown backend 'banana' — choose one of wasm, webgpu, cpu"],
    [['--backend', 'webgl'], '--backend webgl is not available in the Node CLI (it runs on wasm, webgpu, cpu); use the page for webgl'],
    [['--model', 'constructor'], "--model: unknown model 'constructor' — choose one of lenet300, mlp-tiny"],
    [['--method', 'toString'], "--method: unknown method 'toString' — choose one of imp, dense"],
    [['--dataset', '__proto__'], "--dataset: unknown dataset '__proto__' — choose one of mnist, cifar10"],
    [['--optimizer', 'rmsprop'], "--optimizer: unknown optimizer 'rmsprop' — choose one of sgd, momentum, adam"],
    [['--controls', 'reinit,banana'], "--controls: unknown controls 'banana' — choose one of reinit, random-mask, none"],
    [['--constructor', '1'], 'Unknown flag --constructor'],
  ])('%j → %s', (argv, message) => {
    expect(() => cfg(argv)).toThrow(LabError);
    expect(() => cfg(argv)).toThrow(message);
  });
});

describe('dotted --param keys cannot reach Object.prototype', () => {
  it.each([['__proto__.polluted=1'], ['rates.__proto__.polluted=1'], ['constructor.prototype.polluted=1'], ['rates={"__proto__":{"polluted":1}}']])('%s', (kv) => {
    expect(() => cfg(['--param', kv])).toThrow(/reserved key '(__proto__|constructor)', which is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('in `lab compare` too', () => {
    expect(() => specFromFlags({ param: ['__proto__.polluted=1'] })).toThrow(/reserved key '__proto__'/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('and an absurd --seeds count is refused before it is allocated', () => {
    expect(() => specFromFlags({ seeds: ['1000000000'] })).toThrow('--seeds expects a count from 1 to 100');
  });
});

describe('files named on the command line', () => {
  it('refuses devices and FIFOs at once instead of reading forever', () => {
    expect(() => readBoundedFile('/dev/zero', '--config')).toThrow('--config /dev/zero is not a regular file (a device)');
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    expect(() => readBoundedFile(fifo, '--resume')).toThrow(`--resume ${fifo} is not a regular file (a pipe)`);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
  it('refuses a file over the cap before reading it', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '{}'.padEnd(2048));
    expect(() => readBoundedFile(big, '--config', 1000)).toThrow(`--config ${big} is 0 MB; the limit is 0 MB`);
  });
  it('refuses a JSON config with a reserved key', () => {
    const f = join(dir, 'proto.json');
    writeFileSync(f, '{"training":{"__proto__":{"polluted":1}}}');
    expect(() => cfg(['--config', f])).toThrow(/reserved key '__proto__'/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('--resume validates the checkpoint as the page does', () => {
  const config = normaliseConfig({ model: 'mlp-tiny', training: { iterations: 20 }, method: { id: 'imp', params: { rounds: 2 } } });
  const result = { schema: 'sparse-lab/run@1' as const, runId: 'run_x', config, backend: 'wasm', startedAt: '2026-01-01T00:00:00Z', seconds: 1, rounds: [], stoppedReason: 'stopped' };
  const checkpoint = { schema: 'sparse-lab/checkpoint@1', runId: 'run_x', nextRound: 1, startStep: 0, masks: {}, weights: {}, theta0Label: 'init', thetaK: null, results: [], runDone: 20, savedAt: 'now' } as RunCheckpoint;
  it('names the damaged field of a garbage checkpoint instead of printing undefined/NaN', () => {
    const bad = encodeRunFile({ result, checkpoint: { ...checkpoint, nextRound: { toString: 1 } as unknown as number, results: 'lots' as never } });
    expect(() => decodeRunFile(bad, 'bad.sparselab')).toThrow(/^bad\.sparselab holds an invalid checkpoint: nextRound: .*; results: /);
  });
  it('prints one line and exits non-zero (a real CLI process)', () => {
    const f = join(dir, 'bad.sparselab');
    writeFileSync(f, encodeRunFile({ result, checkpoint: { ...checkpoint, runDone: 'x' as never } }));
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    for (const [argv, message] of [
      [['--resume', f], `error: ${f} holds an invalid checkpoint: runDone: Invalid input: expected number, received string`],
      [['--backend', 'banana', '--quiet'], "error: --backend: unknown backend 'banana' — choose one of wasm, webgpu, cpu"],
    ] as const) {
      const r = spawnSync(tsx, ['src/cli/main.ts', ...argv], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(message);
      expect(r.stdout).toBe('');
    }
  }, 120_000);
});
