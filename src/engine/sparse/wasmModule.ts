/**
 * The sparse-kernel WebAssembly module (wasm/sparseKernels.ts, AssemblyScript
 * + SIMD), instantiated once per thread. It has its own linear memory, apart
 * from tfjs's: layouts and optimizer state live here between steps, and
 * activations are copied in and out per kernel (O(batch·width), small next to
 * the products).
 */
import { sparseKernelsBase64 } from './kernels.gen';

export interface SparseKernelExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  release(ptr: number): void;
  transpose(src: number, lds: number, dst: number, ldd: number, rows: number, cols: number): void;
  spmmForward(xT: number, colPtr: number, rowIdx: number, vals: number, yT: number, n: number, bp: number): void;
  spmmBackwardInput(dyT: number, colPtr: number, rowIdx: number, vals: number, dxT: number, k: number, n: number, bp: number): void;
  sddmm(xT: number, dyT: number, colPtr: number, rowIdx: number, grad: number, n: number, bp: number): void;
  sgdUpdate(w: number, g: number, n: number, lr: number, wd: number): void;
  momentumUpdate(w: number, g: number, buf: number, n: number, lr: number, mom: number, nesterov: number, wd: number): void;
  adamUpdate(w: number, g: number, m: number, v: number, n: number, b1: number, c1: number, b2: number, c2: number,
    sqrtBc2: number, eps: number, stepSize: number, wd: number): void;
}

let instance: SparseKernelExports | null = null;
let loading: Promise<SparseKernelExports | null> | null = null;
let loadError: string | null = null;

function decodeBase64(s: string): Uint8Array {
  if (typeof atob === 'function') return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** Instantiates the module (once); resolves null, with `sparseKernelError()` saying why, where WASM SIMD is missing. */
export function loadSparseKernels(): Promise<SparseKernelExports | null> {
  loading ??= (async () => {
    try {
      const module = await WebAssembly.compile(decodeBase64(sparseKernelsBase64) as Uint8Array<ArrayBuffer>);
      const inst = await WebAssembly.instantiate(module, {
        env: { abort: () => { throw new Error('sparse kernels: out of memory'); } },
      });
      instance = inst.exports as unknown as SparseKernelExports;
    } catch (e) {
      loadError = `sparse WASM kernels unavailable (${e instanceof Error ? e.message : String(e)}); layers train masked-dense`;
    }
    return instance;
  })();
  return loading;
}

/** The loaded module, or null before loadSparseKernels() resolved (or where it failed). */
export function sparseKernels(): SparseKernelExports | null {
  return instance;
}

export function sparseKernelError(): string | null {
  return loadError;
}

/** Fresh views: any alloc may grow the memory and detach earlier ones. */
export const f32 = (k: SparseKernelExports, ptr: number, n: number) => new Float32Array(k.memory.buffer, ptr, n);
export const i32 = (k: SparseKernelExports, ptr: number, n: number) => new Int32Array(k.memory.buffer, ptr, n);

/**
 * One growable scratch block per role, reused across calls (kernels run one at
 * a time on a thread), so a training step allocates nothing.
 */
export class Scratch {
  private ptr = 0;
  private bytes = 0;
  constructor(private readonly k: SparseKernelExports) {}
  get(bytes: number): number {
    if (bytes > this.bytes) {
      if (this.ptr) this.k.release(this.ptr);
      this.bytes = Math.max(bytes, Math.ceil(this.bytes * 1.5));
      this.ptr = this.k.alloc(this.bytes);
    }
    return this.ptr;
  }
}
