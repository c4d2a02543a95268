/**
 * `npm run bench -- --gpu`: the training step on WebGPU, for LeNet-300-100
 * and Conv-2 at batch 60, lean (the engine's fused kernels) and op by op, in
 * Node (Dawn, the npm package `webgpu`) and in headless Chromium
 * (bench.html?gpu=…). Prints kernels per step, GPU dispatches per step, ms
 * per step and samples/s per row, and writes bench/gpu-results.{json,md}.
 * On a machine without a GPU both halves run on SwiftShader, a CPU Vulkan:
 * correct but slow, so the rows there check the kernel counts, not speed.
 *
 *   npm run bench -- --gpu                        # both halves, defaults below
 *   npm run bench -- --gpu --gpu-steps 50         # timed steps per round on a GPU (default 20)
 *   npm run bench -- --gpu --gpu-models lenet300  # fewer models
 *   npm run bench -- --gpu --node-only | --browser-only
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GPU_TABLE_HEADER, gpuRowsMarkdown, gpuStepRows, type GpuStepRow } from '../src/bench/gpuStep';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface GpuBenchOptions { models: string[]; steps: number; nodeOnly: boolean; browserOnly: boolean; outDir: string }

interface Half { where: string; adapter: string; rows: GpuStepRow[]; error?: string }

async function nodeHalf(o: GpuBenchOptions, onRow: (h: Half) => void): Promise<Half> {
  const { useNodeBackend, backendLine } = await import('../src/node/backend');
  try {
    const backend = await useNodeBackend('webgpu');
    console.error(`Node: ${backendLine(backend)}`);
    // A software adapter gets one timed step per row (after the warm-up step, which creates the Adam
    // slots, and the profiled one): enough to check the counts; a Conv-2 step on SwiftShader takes minutes.
    const done: GpuStepRow[] = [];
    const rows = await gpuStepRows(o.models, { batch: 60, warmupSteps: 1, steps: backend.software ? 1 : o.steps, rounds: backend.software ? 1 : 3 }, (r) => {
      console.error(`  node ${r.model} ${r.step}: ${r.kernelsPerStep} kernels, ${r.dispatchesPerStep} dispatches, ${r.msPerStep.toFixed(1)} ms/step`);
      done.push(r);
      onRow({ where: 'Node (Dawn)', adapter: backend.detail, rows: done }); // a slow run interrupted later keeps its rows
    });
    return { where: 'Node (Dawn)', adapter: backend.detail, rows };
  } catch (e) {
    const error = (e as Error).message;
    console.error(`Node half unavailable: ${error}`);
    return { where: 'Node (Dawn)', adapter: '–', rows: [], error };
  }
}

function browserHalf(o: GpuBenchOptions): Half {
  console.error('Browser half: vite build, vite preview, headless Chromium (bench.html?gpu=…)');
  const r = spawnSync(process.execPath, [join(HERE, 'bench-browser.mjs'), '--gpu', '--gpu-steps', String(o.steps), '--gpu-models', o.models.join(',')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const pages = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { ok: boolean; adapter?: string; rows?: GpuStepRow[]; error?: string; userAgent?: string });
  const ok = pages.filter((p) => p.ok);
  const error = pages.find((p) => !p.ok)?.error ?? (r.status !== 0 ? `bench-browser.mjs exited ${r.status}` : pages.length === 0 ? 'no Chromium (set CHROMIUM_PATH)' : undefined);
  const chrome = /Chrome\/[\d.]+/.exec(pages.find((p) => p.userAgent)?.userAgent ?? '')?.[0] ?? 'Chromium';
  return { where: `headless ${chrome}`, adapter: ok[0]?.adapter ?? '–', rows: ok.flatMap((p) => p.rows ?? []), ...(error ? { error } : {}) };
}

export async function runGpuBench(o: GpuBenchOptions): Promise<void> {
  const t0 = performance.now();
  console.error(`WebGPU training step, batch 60, Adam, 10 % masks: ${o.models.join(', ')}; ${o.steps} timed steps × 3 rounds per row on a GPU, 1 × 1 on a software adapter`);
  const halves: Half[] = [];
  if (!o.browserOnly) halves.push(await nodeHalf(o, (partial) => write(o, [partial], t0, false)));
  if (!o.nodeOnly) halves.push(browserHalf(o));
  console.log(write(o, halves, t0, true));
}

/** Writes bench/gpu-results.{json,md}; returns the Markdown. */
function write(o: GpuBenchOptions, halves: Half[], t0: number, complete: boolean): string {
  const lines = [
    '# WebGPU training-step benchmark (`npm run bench -- --gpu`)', '',
    `Generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'} in ${((performance.now() - t0) / 1000).toFixed(0)} s. `
      + 'Each row: one masked training step (10 % density per layer, Adam, batch 60): upload the batch, forward, backward, masked update. '
      + '*lean* = the engine\'s fused WebGPU kernels; *ops* = the same step as plain tfjs ops. Kernels per step are counted by tf.profile, '
      + 'GPU dispatches by wrapping GPUComputePassEncoder.dispatchWorkgroups; ms/step is the median of 3 rounds of timed steps after a warm-up step (1 round of 1 step on a software adapter), each round ending in an awaited read. '
      + 'A SwiftShader adapter is a CPU implementation of Vulkan: its times say nothing about a GPU.', '',
    ...GPU_TABLE_HEADER,
    ...halves.flatMap((h) => gpuRowsMarkdown(h.where, h.adapter, h.rows)),
    '',
    ...halves.filter((h) => h.error).map((h) => `- **${h.where} unavailable**: ${h.error}`),
    ...(complete ? [] : ['- *Incomplete: the run was still going (or was stopped) after these rows.*']),
  ];
  const md = lines.join('\n') + '\n';
  mkdirSync(o.outDir, { recursive: true });
  writeFileSync(join(o.outDir, 'gpu-results.json'), JSON.stringify({ schema: 'sparse-lab/bench-gpu@1', createdAt: new Date().toISOString(), complete, halves }, null, 1) + '\n');
  writeFileSync(join(o.outDir, 'gpu-results.md'), md);
  return md;
}
