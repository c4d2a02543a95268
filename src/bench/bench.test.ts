import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../node/backend';
import { benchMarkdown, headline, type BenchResults } from './report';
import { profileStep } from './profileStep';
import { timeSteps } from './stepTiming';

const tiny = { model: 'mlp-tiny', batch: 8, steps: 3, rounds: 3, warmupSteps: 1 };

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('step timing (shared by the Node and page benchmarks)', () => {
  it('times every variant per round, frees what it made, and keeps the tensor count flat', async () => {
    const before = tf.memory().numTensors;
    const rs = await timeSteps(['plain', 'dense', 'masked'], tiny);
    expect(rs.map((r) => r.variant)).toEqual(['plain', 'dense', 'masked']);
    for (const r of rs) {
      expect(r.roundMs).toHaveLength(3);
      expect(r.bestMs).toBeLessThanOrEqual(r.medianMs);
      expect(r.samplesPerSec).toBeCloseTo((8 * 1000) / r.medianMs, 6);
      expect(r.tensorsFlat).toBe(true);
    }
    expect(rs[2].density).toBe(0.1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('profiles kernels: the masked step launches more kernels than the unmasked one', async () => {
    const [plain, masked] = [await profileStep('plain', tiny, 2), await profileStep('masked', tiny, 2)];
    expect(masked.kernelsPerStep).toBeGreaterThan(plain.kernelsPerStep);
    // Two per masked layer (W⊙M in the forward, the gradient mask in the optimizer), three masked layers.
    expect(masked.kernelsPerStep - plain.kernelsPerStep).toBe(6);
    expect(masked.kernels.find((k) => k.name === 'BatchMatMul')!.count).toBe(8);
  });
});

describe('bench report', () => {
  const timing = (variant: 'plain' | 'dense' | 'masked', ms: number, cpuMs = ms) => ({
    variant, backend: 'wasm', density: variant === 'masked' ? 0.1 : 1, batch: 60, roundMs: [ms], medianMs: ms, bestMs: ms,
    samplesPerSec: 60000 / ms, samplesPerSecBest: 60000 / ms, cpuMs, tensorsAfterRound: [60, 60], tensorsFlat: true,
  });
  const torchRun = (ms: number) => ({ msPerStepMedian: ms, msPerStepBest: ms, cpuMsPerStep: ms, samplesPerSec: 60000 / ms, samplesPerSecBest: 60000 / ms });
  const results: BenchResults = {
    schema: 'sparse-lab/bench@1', createdAt: '2026-01-01T00:00:00Z', quick: false, seconds: 1,
    machine: { cpus: 2, cpuModel: 'x', node: 'v20', tfjs: '4.22.0', loadAvgStart: [0.1, 0, 0], loadAvgEnd: [0, 0, 0] },
    configs: [
      { id: 'wasm-1t', label: 'WASM', backend: 'wasm', timings: [timing('plain', 5), timing('dense', 5.1), timing('masked', 5.2)], profiles: [], wasm: { threads: 1, simd: true, multithread: false, fastMatMul: true } },
      { id: 'cpu', label: 'CPU', backend: 'cpu', timings: [timing('plain', 200), timing('dense', 210), timing('masked', 220)], profiles: [] },
    ],
    torch: [
      { label: 'PyTorch CPU (system BLAS), 1 thread', available: true, threads: 1, gemmGflops: 3, blasLibrary: '/usr/lib/blas/libblas.so.3', runs: { plain: torchRun(30), dense: torchRun(31), masked: torchRun(26) } },
      { label: 'PyTorch CPU (openblas), 1 thread', available: true, threads: 1, gemmGflops: 40, blasLibrary: '/x/libblas.so.3, /x/liblapack.so.3', runs: { plain: torchRun(6), dense: torchRun(6.5), masked: torchRun(7.8) } },
      { label: 'PyTorch CPU (system BLAS), 2 threads', available: false, error: 'No module named torch' },
    ],
  };

  it('picks the fastest lab path and gives ratios against each PyTorch build', () => {
    const h = headline(results);
    expect(h.lab.id).toBe('wasm-1t');
    expect(h.vsSystem).toBeCloseTo(5, 6);
    expect(h.vsTuned).toBeCloseTo(1.5, 6);
    expect(h.cpuVsTuned).toBeCloseTo(1.5, 6);
  });

  it('renders one row per configuration and variant, the ratios, and says when PyTorch is missing', () => {
    const md = benchMarkdown(results);
    expect(md.match(/^\| (WASM|CPU|) \| (plain|dense|masked) \|/gm)).toHaveLength(6);
    expect(md).toContain('| 1.02 | 1.04 |'); // WASM masked/dense and masked/plain
    expect(md).toContain('not available: No module named torch');
    expect(md).toContain('libblas.so.3 |');
    expect(md).not.toContain('liblapack');
  });
});
