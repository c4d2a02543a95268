/**
 * Threaded tfjs WASM in the bundled page (issue #14).
 *
 * tfjs-backend-wasm starts its pthread workers with a script that imports the
 * main module from a Blob holding `wasmFactoryThreadedSimd.toString()`. Once
 * Vite bundles and minifies that CommonJS module, the function's text refers
 * to variables of the bundle's scope that do not exist in the thread, and
 * every pthread dies with "ReferenceError: e is not defined".
 *
 * The fix hands the threads the factory's original, unminified source
 * instead (imported ?raw, so dev and build behave alike): the pthread worker
 * script is the stock one with its Blob-import branch replaced by an
 * importScripts of that source. tfjs creates the worker script through
 * URL.createObjectURL(new Blob([...], { type: 'application/javascript' })),
 * so that call is answered with the patched script's URL — in this worker's
 * global scope only (the trainer), and only for that blob type.
 */
import factorySource from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';

/**
 * tfjs's C++ init caps its pool at emscripten_num_logical_cores() / 2 (it
 * assumes two hyper-threads per core): one thread on a 2-core machine. While
 * the backend initialises, report twice the wanted count; returns the undo.
 */
export function reportCoresForInit(threads: number): () => void {
  const nav = (globalThis as { navigator?: object }).navigator;
  if (!nav || threads < 2) return () => {};
  Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  return () => {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; // the prototype's getter shows through again
  };
}

/** The stock worker's branch that imports the main script from the Blob tfjs made. */
const BLOB_BRANCH = 'var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)';

export interface WasmThreading {
  /** XNNPACK threads the backend will start (1: single-threaded build). */
  threads: number;
  /** Why there is only one thread, for the header. */
  reason?: string;
}

let patched = false;

/** Decides the thread count and, for threads > 1, patches the pthread start-up. Call before the backend initialises. */
export function prepareWasmThreads(): WasmThreading {
  const scope = globalThis as typeof globalThis & { crossOriginIsolated?: boolean };
  if (!scope.crossOriginIsolated) {
    return { threads: 1, reason: 'the page is not cross-origin isolated (COOP/COEP headers or the service worker are missing)' };
  }
  const cores = scope.navigator?.hardwareConcurrency ?? 1;
  if (cores < 2) return { threads: 1, reason: 'this device reports one core' };
  if (!wasmWorkerContents.includes(BLOB_BRANCH)) {
    return { threads: 1, reason: 'the tfjs-backend-wasm pthread script has an unexpected layout' };
  }
  if (!patched) {
    patched = true;
    const mainUrl = URL.createObjectURL(new Blob([factorySource], { type: 'text/javascript' }));
    // tfjs escapes newlines the same way before making its Blob: the script holds "\n" inside string literals.
    const worker = wasmWorkerContents.replace(/\n/g, '\\n').replace(BLOB_BRANCH, `importScripts(${JSON.stringify(mainUrl)})`);
    const workerUrl = URL.createObjectURL(new Blob([worker], { type: 'application/javascript' }));
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) =>
      obj instanceof Blob && obj.type === 'application/javascript' ? workerUrl : create(obj);
  }
  return { threads: cores };
}
