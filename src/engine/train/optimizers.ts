import * as tf from '@tensorflow/tfjs';

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
 * that the slots are plain variables we can mask: after each step the weight
 * AND its momentum / Adam moments are multiplied by the mask, so a pruned
 * weight is exactly zero and cannot be revived by stale state — the bug most
 * often reported against pruning code (algorithms.md §9).
 */
export class MaskedOptimizer {
  private slots = new Map<string, tf.Variable[]>();
  private t = 0;
  constructor(readonly config: OptimizerConfig) {}

  get stepCount(): number {
    return this.t;
  }

  /**
   * One update. `grads[name]` must already be zero at masked positions;
   * `masks[name]` (float 0/1 tensor) is applied after the update when present.
   */
  apply(
    params: Record<string, tf.Variable>,
    grads: Record<string, tf.Tensor>,
    masks: Record<string, tf.Tensor>,
    lr: number,
  ): void {
    this.t += 1;
    const { kind, momentum = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0, nesterov = false } = this.config;
    tf.tidy(() => {
      for (const name of Object.keys(grads)) {
        const w = params[name];
        const mask = masks[name];
        let g = grads[name];
        if (weightDecay > 0) g = tf.add(g, tf.mul(w, weightDecay));
        let update: tf.Tensor;
        if (kind === 'sgd') {
          update = g;
        } else if (kind === 'momentum') {
          const [buf] = this.slotsFor(name, w, 1);
          let next = tf.add(tf.mul(buf, momentum), g);
          if (mask) next = tf.mul(next, mask);
          buf.assign(next);
          update = nesterov ? tf.add(g, tf.mul(next, momentum)) : next;
        } else {
          const [m, v] = this.slotsFor(name, w, 2);
          let mNext = tf.add(tf.mul(m, momentum), tf.mul(g, 1 - momentum));
          let vNext = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
          if (mask) {
            mNext = tf.mul(mNext, mask);
            vNext = tf.mul(vNext, mask);
          }
          m.assign(mNext);
          v.assign(vNext);
          const mHat = tf.div(mNext, 1 - Math.pow(momentum, this.t));
          const vHat = tf.div(vNext, 1 - Math.pow(beta2, this.t));
          update = tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon));
        }
        let next = tf.sub(w, tf.mul(update, lr));
        if (mask) next = tf.mul(next, mask);
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

  /** Zero the state at positions where `fresh` is 1 (regrown weights start with no history). */
  resetAt(name: string, fresh: tf.Tensor): void {
    const vars = this.slots.get(name);
    if (!vars) return;
    tf.tidy(() => {
      const keep = tf.sub(1, fresh);
      for (const v of vars) v.assign(tf.mul(v, keep));
    });
  }

  /** Named state tensors, for tests and checkpoints. */
  state(): Record<string, tf.Variable[]> {
    return Object.fromEntries(this.slots);
  }

  async exportState(): Promise<{ t: number; slots: Record<string, Float32Array[]> }> {
    const slots: Record<string, Float32Array[]> = {};
    for (const [name, vars] of this.slots) slots[name] = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
    return { t: this.t, slots };
  }

  importState(state: { t: number; slots: Record<string, Float32Array[]> }, shapes: Record<string, number[]>): void {
    this.dispose();
    this.t = state.t;
    for (const [name, arrays] of Object.entries(state.slots)) {
      this.slots.set(name, tf.tidy(() => arrays.map((a) => tf.variable(tf.tensor(a, shapes[name]), false))));
    }
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
