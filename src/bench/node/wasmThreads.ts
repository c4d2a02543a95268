/**
 * Multi-threaded tfjs WASM (XNNPACK + pthreads) under Node. Node-only: the
 * page gets threads from cross-origin isolation instead (src/worker/backend.ts).
 *
 * tfjs-backend-wasm 4.22 refuses threads in Node for three reasons, each
 * worked around here for the duration of the backend's initialisation only:
 *  1. its WASM_HAS_MULTITHREAD_SUPPORT flag returns false whenever IS_NODE
 *     (tfjs issue #3830), so we set the flag;
 *  2. it hands Emscripten its pthread worker script, and the main module
 *     script for the workers, as Blob URLs, which Node's worker_threads
 *     cannot load, so both are written to a temporary folder and
 *     URL.createObjectURL answers with that path;
 *  3. its C++ init caps the pool at emscripten_num_logical_cores() / 2
 *     (it assumes two hyper-threads per core), which on a 2-core machine
 *     means one thread, so os.cpus() reports twice the wanted count.
 * Must run before the first tf.setBackend('wasm').
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The worker's branch that loads the main script from a Blob; replaced by a file path. */
const BLOB_BRANCH = 'var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)';

export interface WasmThreadsReport {
  requested: number;
  /** tfjs getThreadsCount() after init: the XNNPACK pool size actually running. */
  threads: number;
  /** Why threads could not be enabled (the backend then runs single-threaded). */
  error?: string;
}

/**
 * Initialises the 'wasm' backend with `threads` XNNPACK threads. `init`
 * performs the actual backend selection (e.g. useNodeBackend('wasm')).
 */
export async function initNodeWasmThreads(threads: number, init: () => Promise<unknown>): Promise<WasmThreadsReport> {
  const realCreate = URL.createObjectURL;
  const realCpus = os.cpus;
  try {
    const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js') as { wasmWorkerContents: string };
    const mod = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
    const factory: () => unknown = mod.default ?? mod;
    if (!wasmWorkerContents.includes(BLOB_BRANCH)) throw new Error('the tfjs-backend-wasm worker script has an unexpected layout');
    const dir = mkdtempSync(join(os.tmpdir(), 'sparse-lab-wasm-'));
    const mainPath = join(dir, 'main.js');
    const workerPath = join(dir, 'worker.js');
    writeFileSync(mainPath, `var WasmBackendModuleThreadedSimd = ${factory.toString()};\n`);
    // tfjs escapes newlines the same way before making its Blob: the script holds "\n" inside string literals.
    writeFileSync(workerPath, wasmWorkerContents.replace(/\n/g, '\\n').replace(BLOB_BRANCH, `importScripts(${JSON.stringify(mainPath)})`));
    const cleanup = dir;
    process.once('exit', () => rmSync(cleanup, { recursive: true, force: true }));

    URL.createObjectURL = (obj: Blob | MediaSource) =>
      (obj as Blob).type === 'application/javascript' ? workerPath : realCreate(obj as Blob);
    (os as { cpus: () => os.CpuInfo[] }).cpus = () => Array.from({ length: 2 * threads }, () => realCpus()[0]);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    setThreadsCount(threads);
    await init();
    return { requested: threads, threads: tf.getBackend() === 'wasm' ? getThreadsCount() : 0 };
  } catch (e) {
    return { requested: threads, threads: 0, error: e instanceof Error ? e.message : String(e) };
  } finally {
    URL.createObjectURL = realCreate;
    (os as { cpus: () => os.CpuInfo[] }).cpus = realCpus;
  }
}
