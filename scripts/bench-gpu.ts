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
 *   npm run bench -- --gpu --gpu-row-limit 300    # give a row up after 300 s (default 600): "not measured"
 *   npm run bench -- --gpu --node-only | --browser-only
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GPU_STEPS, GPU_TABLE_HEADER, gpuRowsMarkdown, gpuStepRows, notMeasuredRow, type GpuStepRow } from '../src/bench/gpuStep';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The batch a row is retried at when batch 60 runs past the limit (a Conv-2 step on SwiftShader). */
const FALLBACK_BATCH = 4;

export interface GpuBenchOptions {
  models: string[]; steps: number; nodeOnly: boolean; browserOnly: boolean; outDir: string;
  /** Wall-clock limit per row (each row runs in its own process or page). */
  rowLimitSeconds: number;
}

interface Half { where: string; adapter: string; rows: GpuStepRow[]; error?: string }

/** One row in this process (the child side of nodeHalf): prints one JSON line. */
async function rowChild(spec: { model: string; step: GpuStepRow['step']; steps: number; batch: number }): Promise<void> {
  const { useNodeBackend } = await import('../src/node/backend');
  try {
    const backend = await useNodeBackend('webgpu');
    // A software adapter: no separate timed rounds (the profiled step is timed): a Conv-2 step there takes minutes.
    const [row] = await gpuStepRows([spec.model], { batch: spec.batch, warmupSteps: 1, steps: backend.software ? 0 : spec.steps, rounds: 3 }, undefined, [spec.step]);
    console.log(JSON.stringify({ adapter: backend.detail, row }));
  } catch (e) {
    console.log(JSON.stringify({ error: (e as Error).message }));
  }
  process.exit(0); // Dawn's device would otherwise keep the process alive
}

/**
 * Each row in its own process with a time limit: a step cannot be interrupted
 * once queued on the GPU, so a row that runs past the limit is killed and
 * printed as "not measured: exceeded N s" instead of holding the bench for as
 * long as SwiftShader needs (one Conv-2 step there took over 25 minutes under load).
 */
async function nodeHalf(o: GpuBenchOptions, onRow: (h: Half) => void): Promise<Half> {
  const done: GpuStepRow[] = [];
  let adapter = '–';
  for (const model of o.models) {
    for (const step of GPU_STEPS) {
      // A row past the limit at batch 60 is retried at FALLBACK_BATCH: kernels and dispatches per step do not depend on the batch.
      for (const batch of [60, FALLBACK_BATCH]) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [...process.execArgv, join(HERE, 'bench-gpu.ts'), '--gpu-row', JSON.stringify({ model, step, steps: o.steps, batch })], {
          encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: o.rowLimitSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: 1 << 24,
        });
        const line = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{')).pop();
        const out = line ? (JSON.parse(line) as { adapter?: string; row?: GpuStepRow; error?: string }) : {};
        if (out.error) {
          console.error(`Node half unavailable: ${out.error}`);
          return { where: 'Node (Dawn)', adapter, rows: done, error: out.error };
        }
        const seconds = (performance.now() - t0) / 1000;
        const row = out.row ?? notMeasuredRow(model, batch, step, r.signal ? `exceeded ${o.rowLimitSeconds} s` : `the row's process exited ${r.status}`);
        if (out.adapter) adapter = out.adapter;
        console.error(`  node ${model} ${step} batch ${batch}: ${row.notMeasured ? `not measured (${row.notMeasured})` : `${row.kernelsPerStep} kernels, ${row.dispatchesPerStep} dispatches, ${row.msPerStep.toFixed(1)} ms/step`} (${seconds.toFixed(0)} s)`);
        done.push(row);
        onRow({ where: 'Node (Dawn)', adapter, rows: done }); // a slow run interrupted later keeps its rows
        if (!row.notMeasured) break;
      }
    }
  }
  return { where: 'Node (Dawn)', adapter, rows: done };
}

function browserHalf(o: GpuBenchOptions): Half {
  console.error('Browser half: vite build, vite preview, headless Chromium (bench.html?gpu=…)');
  const r = spawnSync(process.execPath, [join(HERE, 'bench-browser.mjs'), '--gpu', '--gpu-steps', String(o.steps), '--gpu-models', o.models.join(','), '--gpu-timeout', String(o.rowLimitSeconds), '--gpu-fallback-batch', String(FALLBACK_BATCH)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  type Page = { ok: boolean; adapter?: string; rows?: GpuStepRow[]; error?: string; userAgent?: string; timedOut?: boolean; query?: string };
  const pages = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Page);
  // A page per row (bench-browser.mjs): one past the limit is a row "not measured", not a failed half.
  for (const p of pages.filter((p) => p.timedOut)) {
    const q = new URLSearchParams(p.query);
    p.ok = true;
    p.rows = [notMeasuredRow(q.get('gpu') ?? '?', Number(q.get('batch') ?? 60), q.get('step') === 'ops' ? 'ops' : 'lean', `exceeded ${o.rowLimitSeconds} s`)];
  }
  const ok = pages.filter((p) => p.ok);
  const error = pages.find((p) => !p.ok)?.error ?? (r.status !== 0 ? `bench-browser.mjs exited ${r.status}` : pages.length === 0 ? 'no Chromium (set CHROMIUM_PATH)' : undefined);
  const chrome = /Chrome\/[\d.]+/.exec(pages.find((p) => p.userAgent)?.userAgent ?? '')?.[0] ?? 'Chromium';
  return { where: `headless ${chrome}`, adapter: ok[0]?.adapter ?? '–', rows: ok.flatMap((p) => p.rows ?? []), ...(error ? { error } : {}) };
}

export async function runGpuBench(o: GpuBenchOptions): Promise<void> {
  const t0 = performance.now();
  console.error(`WebGPU training step, batch 60, Adam, 10 % masks: ${o.models.join(', ')}; ${o.steps} timed steps × 3 rounds per row on a GPU, the profiled step on a software adapter; at most ${o.rowLimitSeconds} s per row`);
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
      + 'GPU dispatches by wrapping GPUComputePassEncoder.dispatchWorkgroups; ms/step is the median of 3 rounds of timed steps after a warm-up step (on a software adapter: the profiled step itself), each round ending in an awaited read. '
      + `Each row runs in its own process (Node) or page (Chromium) and is given up after ${o.rowLimitSeconds} s ("not measured"). `
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

if (process.argv[2] === '--gpu-row') void rowChild(JSON.parse(process.argv[3]) as Parameters<typeof rowChild>[0]);
