import * as tf from '@tensorflow/tfjs';
import { CONV_RELU, DENSE, hasFused, SOFTMAX_XENT } from '../backend/fusedKernels';

/**
 * The layers the models are built from. Where the backend has the engine's
 * fused kernels (WebGPU: src/engine/backend/webgpu/), a layer is one kernel
 * forward and a few backward; elsewhere it is the plain ops below, unchanged,
 * so WASM and CPU results stay exactly what they were.
 */

/** x·W + b, then ReLU if asked. */
export function dense(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor, relu: boolean): tf.Tensor2D {
  if (hasFused(DENSE)) return tf.engine().runKernel(DENSE, { x, w, b }, { relu } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
  const z = tf.add(tf.matMul(x, w as tf.Tensor2D), b) as tf.Tensor2D;
  return relu ? tf.relu(z) : z;
}

/** relu(conv2d(x, f, stride 1, 'same') + b). */
export function convRelu(x: tf.Tensor4D, f: tf.Tensor, b: tf.Tensor): tf.Tensor4D {
  if (hasFused(CONV_RELU)) return tf.engine().runKernel(CONV_RELU, { x, f, b }) as tf.Tensor4D;
  return tf.relu(tf.add(tf.conv2d(x, f as tf.Tensor4D, 1, 'same'), b)) as tf.Tensor4D;
}

/** Mean softmax cross-entropy of `logits` against one-hot `labels`. */
export function softmaxCrossEntropy(labels: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  if (hasFused(SOFTMAX_XENT)) return tf.engine().runKernel(SOFTMAX_XENT, { logits, labels }) as tf.Scalar;
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}
