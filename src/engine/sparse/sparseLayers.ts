/**
 * The sparse WASM route of one SparseNet: which layers run on the sparse
 * kernels, their compressed layouts and values, and the sparse optimizer.
 *
 * While a layer is sparse its surviving weights live in `values[name]` (a 1-D
 * variable, storage order of the layout) and the dense parameter is stale;
 * `syncDense` writes them back (before a dense-gradient step, a mask change,
 * or a read). Layouts are rebuilt only in `adopt` (a mask change), never per step.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelDef } from '../models/model';
import { prunableParams } from '../models/types';
import type { Masks } from '../pruning/masks';
import { nnz } from '../pruning/masks';
import type { MaskedOptimizer, OptimizerConfig } from '../train/optimizers';
import { SparseLayout } from './layout';
import { prefersSparse } from './policy';
import { SparseOptimizer } from './sparseOptimizer';
import { registerLayout, registerSparseMatMul, sparseMatMul, unregisterLayout } from './sparseMatMul';
import { sparseKernels, type SparseKernelExports } from './wasmModule';

interface SparseLayer { layout: SparseLayout; id: number; values: tf.Variable }

export class SparseLayers {
  private readonly layers = new Map<string, SparseLayer>();
  /**
   * Non-prunable tensors (biases) whose update the fused optimizer also does,
   * in place on the parameter, while any layer is sparse: a bias's dozen
   * tfjs element-wise kernels cost more than its arithmetic.
   */
  private readonly direct = new Set<string>();
  /** Layers whose dense parameter does not hold the current values. */
  private readonly stale = new Set<string>();
  private optimizer: SparseOptimizer;

  private constructor(private readonly model: ModelDef, private readonly k: SparseKernelExports, config: OptimizerConfig) {
    this.optimizer = new SparseOptimizer(config, k);
  }

  /** The sparse route for a net, or null where it does not apply (another backend, kernels not loaded). */
  static create(model: ModelDef, config: OptimizerConfig): SparseLayers | null {
    const k = sparseKernels();
    if (!k || tf.getBackend() !== 'wasm') return null;
    registerSparseMatMul();
    return new SparseLayers(model, k, config);
  }

  get names(): string[] {
    return [...this.layers.keys()];
  }

  has(name: string): boolean {
    return this.layers.has(name);
  }

  /** True when this route, not the dense optimizer, updates the tensor. */
  updates(name: string): boolean {
    return this.layers.has(name) || this.direct.has(name);
  }

  /** The tensor the model's forward receives for a layer: its compressed values. */
  values(name: string): tf.Variable {
    return this.layers.get(name)!.values;
  }

  /** x·(W⊙M) for a sparse layer. */
  matMul(h: tf.Tensor2D, name: string, values: tf.Tensor): tf.Tensor2D {
    return sparseMatMul(h, values, this.layers.get(name)!.id);
  }

  /**
   * Chooses the sparse layers for new masks and builds their layouts, taking
   * values from the (already masked) dense parameters and optimizer slots from
   * the dense optimizer. Call after `release`.
   */
  adopt(masks: Masks, params: Record<string, tf.Variable>, dense: MaskedOptimizer): void {
    for (const p of prunableParams(this.model)) {
      if (p.shape.length !== 2) continue; // convolutions stay dense; fully-connected kernels are [K, N]
      const [rows, cols] = p.shape;
      if (!prefersSparse(rows, cols, nnz(masks[p.name]))) continue;
      const layout = new SparseLayout(this.k, masks[p.name], rows, cols);
      const w = params[p.name].dataSync() as Float32Array;
      const values = tf.tidy(() => tf.variable(tf.tensor1d(layout.gather(w)), true, `${p.name}/sparse#${registerCount++}`));
      this.layers.set(p.name, { layout, id: registerLayout(layout), values });
      const slots = dense.takeSlots(p.name);
      this.optimizer.adopt(p.name, layout.nnz, slots?.map((v) => layout.gather(v.dataSync() as Float32Array)));
      slots?.forEach((v) => v.dispose());
    }
    if (this.layers.size === 0) return;
    for (const p of this.model.params) {
      if (p.prunable) continue;
      const slots = dense.takeSlots(p.name);
      this.optimizer.adopt(p.name, params[p.name].size, slots?.map((v) => v.dataSync() as Float32Array));
      slots?.forEach((v) => v.dispose());
      this.direct.add(p.name);
    }
  }

  /** Hands every layer back to the dense parameters and optimizer (before a mask change). */
  release(params: Record<string, tf.Variable>, dense: MaskedOptimizer): void {
    this.syncDense(params);
    for (const [name, l] of this.layers) {
      this.handBack(name, this.optimizer.release(name).map((s) => l.layout.scatter(s)), params[name].shape, dense);
    }
    for (const name of this.direct) this.handBack(name, this.optimizer.release(name), params[name].shape, dense);
    this.direct.clear();
    this.drop();
  }

  private handBack(name: string, slots: Float32Array[], shape: number[], dense: MaskedOptimizer): void {
    // tf.variable keeps its own reference to the data, so tidy frees the initial tensors.
    if (slots.length > 0) dense.putSlots(name, tf.tidy(() => slots.map((s) => tf.variable(tf.tensor(s, shape), false))));
  }

  private drop(): void {
    for (const l of this.layers.values()) {
      unregisterLayout(l.id);
      l.layout.dispose();
      l.values.dispose();
    }
    this.layers.clear();
    this.stale.clear();
    this.direct.clear();
  }

  /** Writes the compressed values into the dense parameters where they are stale. */
  syncDense(params: Record<string, tf.Variable>): void {
    for (const name of this.stale) {
      const l = this.layers.get(name);
      if (l) tf.tidy(() => params[name].assign(tf.tensor(l.layout.scatter(l.values.dataSync() as Float32Array), params[name].shape)));
    }
    this.stale.clear();
  }

  /** Dense weights of a sparse layer (zeros at masked positions), without touching the parameter. */
  read(name: string): Float32Array {
    const l = this.layers.get(name)!;
    return l.layout.scatter(l.values.dataSync() as Float32Array);
  }

  /** New weights (reset/rewind): the values follow the given dense arrays. */
  setWeights(weights: Record<string, Float32Array>): void {
    for (const [name, l] of this.layers) {
      tf.tidy(() => l.values.assign(tf.tensor1d(l.layout.gather(weights[name]))));
      this.stale.delete(name); // the caller wrote the same weights into the dense parameter
    }
  }

  /**
   * One optimizer step for the sparse layers and the biases. A sparse layer's
   * gradient is compressed (length nnz) or, after a dense-gradient step,
   * dense [K, N] (gathered here).
   */
  apply(params: Record<string, tf.Variable>, grads: Record<string, tf.Tensor>, lr: number): void {
    const values: Record<string, tf.Variable> = {};
    const compressed: Record<string, tf.Tensor> = {};
    for (const name of this.direct) {
      values[name] = params[name];
      compressed[name] = grads[name];
    }
    tf.tidy(() => {
      for (const [name, l] of this.layers) {
        values[name] = l.values;
        const g = grads[name];
        compressed[name] = g.rank === 1 ? g : tf.keep(tf.tensor1d(l.layout.gather(g.dataSync() as Float32Array)));
        this.stale.add(name);
      }
    });
    this.optimizer.apply(values, compressed, lr);
    for (const name of this.layers.keys()) if (compressed[name] !== grads[name]) compressed[name].dispose();
  }

  resetOptimizer(config: OptimizerConfig): void {
    this.optimizer = this.optimizer.reset(config);
  }

  /** Compressed optimizer slots of a layer (tests: state exists only at surviving positions). */
  optimizerState(name: string): Float32Array[] {
    return this.optimizer.state(name);
  }

  dispose(): void {
    this.drop();
    this.optimizer.dispose();
  }
}

let registerCount = 0;
