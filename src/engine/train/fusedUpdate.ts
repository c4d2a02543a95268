import * as tf from '@tensorflow/tfjs';
import { MASKED_UPDATE, type MaskedUpdateAttrs } from '../backend/fusedKernels';

/**
 * One parameter's masked update through the fused kernel (one dispatch on
 * WebGPU instead of ~14 ops): the kernel returns the new weight and slots,
 * which replace the variables' data. Call inside tf.tidy.
 */
export function fusedMaskedUpdate(w: tf.Variable, grad: tf.Tensor, mask: tf.Tensor | undefined, slots: tf.Variable[], attrs: MaskedUpdateAttrs): void {
  const inputs: Record<string, tf.Tensor> = { w, g: grad };
  if (mask) inputs.mask = mask;
  slots.forEach((s, i) => (inputs[`s${i}`] = s));
  const out = tf.engine().runKernel(MASKED_UPDATE, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  w.assign(out[0]);
  slots.forEach((s, i) => s.assign(out[i + 1]));
}
