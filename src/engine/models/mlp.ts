import * as tf from '@tensorflow/tfjs';
import { denseProduct } from './denseProduct';
import { DENSE, hasFused } from '../backend/fusedKernels';
import { dense } from './layers';
import type { Forward } from './forward';
import { denseLayerNames } from './paramSpecs';
import type { ModelSpec } from './types';

/** The forward pass of a fully-connected ReLU network (parameters: paramSpecs.ts). */
export function mlpForward(spec: ModelSpec): Forward {
  const [h0, w0, c0] = spec.inputShape;
  const inDim = h0 * w0 * c0;
  const names = denseLayerNames(spec.params.filter((q) => q.prunable).length);
  return (p, x, product = denseProduct(p)) => {
    let h: tf.Tensor2D = tf.reshape(x, [x.shape[0], inDim]);
    names.forEach((name, i) => {
      const relu = i + 1 < names.length;
      if (hasFused(DENSE)) h = dense(h, p[`${name}/kernel`], p[`${name}/bias`], relu);
      else {
        h = tf.add(product(h, `${name}/kernel`), p[`${name}/bias`]);
        if (relu) h = tf.relu(h);
      }
    });
    return h;
  };
}
