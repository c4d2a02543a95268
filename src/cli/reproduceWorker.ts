/**
 * One seed of `npm run reproduce -- lth-mnist`, in its own process so seeds
 * run in parallel on separate cores (tfjs WASM is single-threaded in Node).
 * Started by reproduce.ts with fork(); talks back over the IPC channel.
 */
import { registerWasmFastMatMul } from '../engine/backend/wasmFastMatMul';
import { loadDataset } from '../engine/data/registry';
import type { RunEvent } from '../engine/experiment/events';
import { runExperiment } from '../engine/experiment/runner';
import { useNodeBackend } from '../node/backend';
import { diskReader } from '../node/files';
import { lthConfig, registerLadderMethod, type LthBudget } from './reproduceLadder';

export interface WorkerJob {
  seed: number;
  budget: LthBudget;
  backend: 'wasm' | 'cpu';
  dataRoot?: string;
}

export type WorkerMessage =
  | { type: 'progress'; seed: number; done: number; total: number }
  | { type: 'round'; seed: number; series: string; round: number; density: number; earlyStopTestAcc: number; seconds: number }
  | { type: 'done'; seed: number; result: unknown; cpuSeconds: number; backend: string }
  | { type: 'error'; seed: number; message: string };

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as WorkerJob;
  const send = (m: WorkerMessage) => process.send?.(m);
  try {
    const backend = await useNodeBackend(job.backend);
    // The stock wasm BatchMatMul runs transposed products (every backward matmul) in a scalar loop.
    if (backend.name === 'wasm') registerWasmFastMatMul();
    registerLadderMethod();
    const ds = await loadDataset('mnist', diskReader(job.dataRoot));
    const cpu0 = process.cpuUsage();
    let last = 0;
    const emit = (e: RunEvent) => {
      if (e.type === 'progress' && Date.now() - last > 1000) {
        last = Date.now();
        send({ type: 'progress', seed: job.seed, done: e.runDone, total: e.runTotal });
      } else if (e.type === 'round-end') {
        const r = e.result;
        send({ type: 'round', seed: job.seed, series: r.series, round: r.round, density: r.density, earlyStopTestAcc: r.earlyStopTestAcc, seconds: r.seconds });
      }
    };
    const result = await runExperiment(lthConfig(job.seed, job.budget), ds, { emit });
    const u = process.cpuUsage(cpu0);
    send({ type: 'done', seed: job.seed, result, cpuSeconds: (u.user + u.system) / 1e6, backend: backend.name });
  } catch (e) {
    send({ type: 'error', seed: job.seed, message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
}

main().then(
  () => process.disconnect?.(),
  () => process.exit(1),
);
