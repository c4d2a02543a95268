import * as tf from '@tensorflow/tfjs';
import { hasFused, MASKED_UPDATE } from '../backend/fusedKernels';
import type { Weights } from '../models/init';
import { softmaxCrossEntropy } from '../models/layers';
import type { ModelDef } from '../models/model';
import { denseProduct } from '../models/denseProduct';
import type { DenseProduct, ParamTensors } from '../models/model';
import { prunableParams } from '../models/types';
import type { Masks } from '../pruning/masks';
import { validateMasks } from '../pruning/masks';
import { SparseLayers } from '../sparse/sparseLayers';
import { MaskedOptimizer, type OptimizerConfig } from './optimizers';

/** Unique suffix for variable names: tfjs rejects two live variables with one name. */
let netCounter = 0;

export interface StepResult {
  /** Mean cross-entropy of the batch; the caller owns (and disposes) it. */
  loss: tf.Scalar;
  /** dL/d(W⊙M) per prunable layer — non-zero at masked positions (for regrowth). Caller disposes. */
  denseGrads?: Record<string, tf.Tensor>;
}

/**
 * A model's parameters, its masks and its optimizer on the active tfjs
 * backend. The forward pass always sees W⊙M; gradients are taken with respect
 * to that effective weight, so the same backward pass yields both the update
 * for W (masked) and the dense gradient that regrowth methods rank by.
 *
 * On the WASM backend, layers pruned below the crossover density run on
 * sparse kernels instead (src/engine/sparse/): same maths, work proportional
 * to the surviving weights. Steps that need the dense gradient (SNIP scores,
 * regrowth) take the masked-dense route for every layer.
 */
export class SparseNet {
  readonly params: Record<string, tf.Variable> = {};
  private maskTensors: Record<string, tf.Tensor> = {};
  private masksCpu: Masks;
  optimizer: MaskedOptimizer;
  /** The sparse-kernel route (WASM only; null elsewhere). */
  readonly sparse: SparseLayers | null;

  constructor(readonly model: ModelDef, weights: Weights, masks: Masks, optimizer: OptimizerConfig) {
    // tf.variable keeps its own reference to the data, so the initial tensor is freed by tidy.
    tf.tidy(() => {
      for (const p of model.params) this.params[p.name] = tf.variable(tf.tensor(weights[p.name], p.shape), true, `${model.id}/${p.name}#${++netCounter}`);
    });
    this.masksCpu = masks;
    this.optimizer = new MaskedOptimizer(optimizer);
    this.sparse = SparseLayers.create(model, optimizer);
    this.setMasks(masks);
  }

  get masks(): Masks {
    return this.masksCpu;
  }

  /** Install new masks: weights and optimizer state at pruned positions become exactly zero. */
  setMasks(masks: Masks): void {
    validateMasks(this.model, masks);
    // Sparse layers hand their values and slots back first: the new mask applies to the dense form.
    this.sparse?.release(this.params, this.optimizer);
    this.masksCpu = masks;
    for (const t of Object.values(this.maskTensors)) t.dispose();
    this.maskTensors = {};
    for (const p of prunableParams(this.model)) {
      this.maskTensors[p.name] = tf.tensor(Float32Array.from(masks[p.name]), p.shape);
    }
    tf.tidy(() => {
      for (const [name, m] of Object.entries(this.maskTensors)) this.params[name].assign(tf.mul(this.params[name], m));
    });
    this.optimizer.maskState(this.maskTensors);
    this.sparse?.adopt(masks, this.params, this.optimizer);
  }

  /** Overwrite every parameter (e.g. reset to θ0 or rewind to θk); masked entries are zeroed. */
  setWeights(weights: Weights): void {
    tf.tidy(() => {
      for (const p of this.model.params) {
        const t = tf.tensor(weights[p.name], p.shape);
        const m = this.maskTensors[p.name];
        this.params[p.name].assign(m ? tf.mul(t, m) : t);
      }
    });
    this.sparse?.setWeights(weights);
  }

  /** Start a fresh optimizer (LTH: every round trains with new optimizer state). */
  resetOptimizer(config: OptimizerConfig = this.optimizer.config): void {
    this.optimizer.dispose();
    this.optimizer = new MaskedOptimizer(config);
    this.sparse?.resetOptimizer(config);
  }

  async readWeights(): Promise<Weights> {
    const out: Weights = {};
    for (const p of this.model.params) {
      out[p.name] = this.sparse?.has(p.name) ? this.sparse.read(p.name) : ((await this.params[p.name].data()) as Float32Array);
    }
    return out;
  }

  /** Logits with masked weights, for evaluation (caller owns the result). */
  predict(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const p = this.effective(true);
      return this.model.forward(p, x, this.product(p));
    });
  }

  /** Loss and gradients for one batch, without updating (SNIP scores, growth). */
  lossAndDenseGrads(x: tf.Tensor4D, y: tf.Tensor2D): { loss: tf.Scalar; grads: Record<string, tf.Tensor> } {
    this.sparse?.syncDense(this.params);
    return tf.tidy(() => {
      const { loss, grads } = this.gradients(x, y, false);
      return { loss, grads };
    });
  }

  /** One optimisation step. Updates only surviving weights; re-zeroes the rest. */
  step(x: tf.Tensor4D, y: tf.Tensor2D, lr: number, keepDenseGrads = false): StepResult {
    // Regrowth ranks by the dense gradient: that step runs masked-dense for every layer.
    const sparse = !keepDenseGrads && this.sparse !== null && this.sparse.names.length > 0;
    if (!sparse) this.sparse?.syncDense(this.params);
    const out = tf.tidy(() => {
      const { loss, grads } = this.gradients(x, y, sparse);
      // The optimizer masks the gradient itself (one multiply per layer), keeping `grads` dense for regrowth.
      const denseGrads: Record<string, tf.Tensor> = {};
      for (const [name, g] of Object.entries(grads)) if (!this.sparse?.updates(name)) denseGrads[name] = g;
      this.optimizer.apply(this.params, denseGrads, this.maskTensors, lr);
      this.sparse?.apply(this.params, grads, lr);
      const dense: Record<string, tf.Tensor> = {};
      if (keepDenseGrads) for (const name of Object.keys(this.maskTensors)) dense[name] = grads[name];
      return { loss, dense };
    });
    return keepDenseGrads ? { loss: out.loss, denseGrads: out.dense } : { loss: out.loss };
  }

  dispose(): void {
    this.sparse?.dispose();
    for (const v of Object.values(this.params)) v.dispose();
    for (const t of Object.values(this.maskTensors)) t.dispose();
    this.optimizer.dispose();
  }

  /** W⊙M per param; with `sparse`, a sparse layer's compressed values instead. */
  private effective(sparse: boolean): ParamTensors {
    // The fused update re-masks every weight it writes, and setMasks/setWeights mask too, so on a
    // backend that has it W already equals W⊙M exactly and the multiply would be a wasted pass.
    const masked = !hasFused(MASKED_UPDATE);
    const eff: ParamTensors = {};
    for (const p of this.model.params) {
      const m = this.maskTensors[p.name];
      if (sparse && this.sparse?.has(p.name)) eff[p.name] = this.sparse.values(p.name);
      else eff[p.name] = m && masked ? tf.mul(this.params[p.name], m) : this.params[p.name];
    }
    return eff;
  }

  /** The model's dense products: the sparse kernels for layers that hold compressed values in `p`. */
  private product(p: ParamTensors): DenseProduct {
    const sparse = this.sparse;
    const plain = denseProduct(p);
    if (!sparse || sparse.names.length === 0) return plain;
    return (h, kernel) => (p[kernel].rank === 1 && sparse.has(kernel) ? sparse.matMul(h, kernel, p[kernel]) : plain(h, kernel));
  }

  /**
   * Gradients with respect to the effective (masked) weights and the biases;
   * with `sparse`, a sparse layer's gradient is its compressed vector (the
   * surviving positions only). Call inside tidy.
   */
  private gradients(x: tf.Tensor4D, y: tf.Tensor2D, sparse: boolean): { loss: tf.Scalar; grads: Record<string, tf.Tensor> } {
    const names = this.model.params.map((p) => p.name);
    const eff = this.effective(sparse);
    const f = (...inputs: tf.Tensor[]): tf.Scalar => {
      const p: ParamTensors = {};
      names.forEach((n, i) => (p[n] = inputs[i]));
      return softmaxCrossEntropy(y, this.model.forward(p, x, this.product(p)));
    };
    const { value, grads } = tf.valueAndGrads(f)(names.map((n) => eff[n]));
    const out: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => (out[n] = grads[i]));
    return { loss: value, grads: out };
  }
}
