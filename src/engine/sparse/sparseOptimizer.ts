/**
 * SGD / momentum / Adam over the compressed weights of the sparse layers:
 * one fused SIMD pass per layer, touching only surviving weights. Slots live
 * in the kernel module's memory, one value per surviving weight, so masked
 * positions have no state to revive. The arithmetic follows MaskedOptimizer
 * (src/engine/train/optimizers.ts) operation for operation in float32,
 * including its bias corrections, so the two paths agree to rounding; the
 * step counter advances in lockstep with it (SparseNet calls both per step).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { OptimizerConfig } from '../train/optimizers';
import { f32, Scratch, type SparseKernelExports } from './wasmModule';

export const slotCount = (c: OptimizerConfig) => (c.kind === 'sgd' ? 0 : c.kind === 'momentum' ? 1 : 2);

interface LayerState { n: number; slots: number[] }

export class SparseOptimizer {
  private t = 0;
  private readonly layers = new Map<string, LayerState>();
  private readonly w: Scratch;
  private readonly g: Scratch;

  constructor(readonly config: OptimizerConfig, private readonly k: SparseKernelExports) {
    this.w = new Scratch(k);
    this.g = new Scratch(k);
  }

  /** Takes over a layer's state: `slots` are its compressed slot values (zeros when absent). */
  adopt(name: string, n: number, slots: Float32Array[] = []): void {
    this.drop(name);
    const ptrs = Array.from({ length: slotCount(this.config) }, () => this.k.alloc(4 * Math.max(1, n)) >>> 0);
    // Views only after the last alloc (an alloc may grow memory and detach earlier views); alloc does not zero.
    ptrs.forEach((p, i) => (slots[i] ? f32(this.k, p, n).set(slots[i]) : f32(this.k, p, n).fill(0)));
    this.layers.set(name, { n, slots: ptrs });
  }

  /** Hands a layer's compressed slot values back (and frees them here). */
  release(name: string): Float32Array[] {
    const s = this.layers.get(name);
    if (!s) return [];
    const out = s.slots.map((p) => f32(this.k, p, s.n).slice());
    this.drop(name);
    return out;
  }

  /** Read-only copies of the slots, for tests. */
  state(name: string): Float32Array[] {
    const s = this.layers.get(name);
    return s ? s.slots.map((p) => f32(this.k, p, s.n).slice()) : [];
  }

  /**
   * One step for every adopted layer. `values[name]` is a 1-D variable of the
   * layer's surviving weights, updated in place in the wasm heap (it is
   * private to SparseLayers and read only through copies); `grads[name]` its gradient.
   */
  apply(values: Record<string, tf.Variable>, grads: Record<string, tf.Tensor>, lr: number): void {
    this.t += 1;
    const { kind, momentum = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0, nesterov = false } = this.config;
    const stepSize = lr / (1 - Math.pow(momentum, this.t));
    const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, this.t));
    const backend = tf.backend() as BackendWasm;
    for (const [name, s] of this.layers) {
      const v = values[name];
      const grad = grads[name];
      if (!v || !grad) throw new Error(`sparse optimizer: no values or gradient for ${name}`);
      const wp = this.w.get(4 * Math.max(1, s.n));
      const gp = this.g.get(4 * Math.max(1, s.n));
      const heapW = backend.typedArrayFromHeap(v) as Float32Array;
      f32(this.k, wp, s.n).set(heapW);
      f32(this.k, gp, s.n).set(backend.typedArrayFromHeap(grad) as Float32Array);
      if (kind === 'sgd') this.k.sgdUpdate(wp, gp, s.n, lr, weightDecay);
      else if (kind === 'momentum') this.k.momentumUpdate(wp, gp, s.slots[0], s.n, lr, momentum, nesterov ? 1 : 0, weightDecay);
      else this.k.adamUpdate(wp, gp, s.slots[0], s.slots[1], s.n, momentum, 1 - momentum, beta2, 1 - beta2, sqrtBc2, epsilon, stepSize, weightDecay);
      // In place: saves an allocation and an assign per layer per step (no other tensor shares this data).
      (backend.typedArrayFromHeap(v) as Float32Array).set(f32(this.k, wp, s.n));
    }
  }

  /** A fresh start (LTH: every round trains with new optimizer state); layers stay adopted with zero slots. */
  reset(config: OptimizerConfig): SparseOptimizer {
    const next = new SparseOptimizer(config, this.k);
    for (const [name, s] of this.layers) next.adopt(name, s.n);
    this.dispose();
    return next;
  }

  dispose(): void {
    for (const name of [...this.layers.keys()]) this.drop(name);
  }

  private drop(name: string): void {
    const s = this.layers.get(name);
    if (!s) return;
    s.slots.forEach((p) => this.k.release(p));
    this.layers.delete(name);
  }
}
