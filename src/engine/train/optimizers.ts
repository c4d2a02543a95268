import * as tf from '@tensorflow/tfjs';
import { hasFused, MASKED_UPDATE } from '../backend/fusedKernels';
import { fusedMaskedUpdate } from './fusedUpdate';

export type OptimizerKind = 'sgd' | 'momentum' | 'adam';

export interface OptimizerConfig {
  kind: OptimizerKind;
  /** Momentum coefficient (momentum) or β1 (adam). */
  momentum?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled from the loss: g ← g + weightDecay·w (PyTorch-style L2). */
  weightDecay?: number;
  nesterov?: boolean;
}

/**
 * Sparse-aware optimizers. We own the update rule (rather than tf.train.*) so
 * that the slots are plain variables we can mask: a pruned weight and its
 * momentum / Adam moments are exactly zero and cannot be revived by stale
 * state — the bug most often reported against pruning code (algorithms.md §9).
 *
 * Zeros are kept by an invariant rather than by re-masking every tensor after
 * every step: the gradient is masked on entry, and whenever the weights and
 * slots are zero at masked positions before a step, every update below maps
 * (0, 0, 0) to exactly 0 there (0·β + 0·(1−β) = 0, w − lr·0/(√0+ε) = w).
 * The invariant is established by SparseNet.setMasks / setWeights (weights),
 * maskState and zero-initialised slots (state). That saves three
 * full-size multiplies per masked tensor per step (scripts/bench.ts).
 */
export class MaskedOptimizer {
  private slots = new Map<string, tf.Variable[]>();
  private t = 0;
  constructor(readonly config: OptimizerConfig) {}

  /**
   * One update. `grads[name]` is the raw gradient; `masks[name]` (float 0/1
   * tensor) multiplies it first, so masked positions receive no update.
   */
  apply(
    params: Record<string, tf.Variable>,
    grads: Record<string, tf.Tensor>,
    masks: Record<string, tf.Tensor>,
    lr: number,
  ): void {
    this.t += 1;
    const { kind, momentum = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0, nesterov = false } = this.config;
    // Bias corrections as PyTorch's Adam applies them: w − (lr/bc1)·m / (√v/√bc2 + ε).
    const stepSize = lr / (1 - Math.pow(momentum, this.t));
    const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, this.t));
    // Where the backend has the fused kernel (WebGPU), each tensor's whole update is one kernel.
    const fused = hasFused(MASKED_UPDATE);
    tf.tidy(() => {
      for (const name of Object.keys(grads)) {
        const w = params[name];
        const mask = masks[name];
        if (fused) {
          const slots = kind === 'sgd' ? [] : this.slotsFor(name, w, kind === 'adam' ? 2 : 1);
          fusedMaskedUpdate(w, grads[name], mask, slots, { kind, lr, momentum, beta2, epsilon, weightDecay, nesterov, stepSize, sqrtBc2 });
          continue;
        }
        let g = mask ? tf.mul(grads[name], mask) : grads[name];
        if (weightDecay > 0) g = tf.add(g, tf.mul(w, weightDecay));
        let next: tf.Tensor;
        if (kind === 'sgd') {
          next = tf.sub(w, tf.mul(g, lr));
        } else if (kind === 'momentum') {
          const [buf] = this.slotsFor(name, w, 1);
          const b = tf.add(tf.mul(buf, momentum), g);
          buf.assign(b);
          next = tf.sub(w, tf.mul(nesterov ? tf.add(g, tf.mul(b, momentum)) : b, lr));
        } else {
          const [m, v] = this.slotsFor(name, w, 2);
          const mNext = tf.add(tf.mul(m, momentum), tf.mul(g, 1 - momentum));
          const vNext = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
          m.assign(mNext);
          v.assign(vNext);
          const denom = tf.add(tf.div(tf.sqrt(vNext), sqrtBc2), epsilon);
          next = tf.sub(w, tf.mul(tf.div(mNext, denom), stepSize));
        }
        w.assign(next);
      }
    });
  }

  /** Zero the optimizer state where `masks` is 0 (after a mask change, e.g. regrowth). */
  maskState(masks: Record<string, tf.Tensor>): void {
    tf.tidy(() => {
      for (const [name, vars] of this.slots) {
        const mask = masks[name];
        if (mask) for (const v of vars) v.assign(tf.mul(v, mask));
      }
    });
  }

  /** Named state tensors, for tests and checkpoints. */
  state(): Record<string, tf.Variable[]> {
    return Object.fromEntries(this.slots);
  }

  /** Removes and returns a tensor's slots: the sparse WASM route keeps them compressed while it owns the layer. */
  takeSlots(name: string): tf.Variable[] | undefined {
    const vars = this.slots.get(name);
    this.slots.delete(name);
    return vars;
  }

  /** Installs slots for a tensor the sparse WASM route hands back (replacing any it held). */
  putSlots(name: string, vars: tf.Variable[]): void {
    this.slots.get(name)?.forEach((v) => v.dispose());
    this.slots.set(name, vars);
  }

  dispose(): void {
    for (const vars of this.slots.values()) vars.forEach((v) => v.dispose());
    this.slots.clear();
  }

  private slotsFor(name: string, w: tf.Variable, count: number): tf.Variable[] {
    let vars = this.slots.get(name);
    if (!vars) {
      // Slots are created outside the caller's tidy scope so they survive it.
      vars = Array.from({ length: count }, () => tf.variable(tf.zerosLike(w), false));
      this.slots.set(name, vars);
    }
    return vars;
  }
}
