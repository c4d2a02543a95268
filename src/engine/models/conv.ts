import * as tf from '@tensorflow/tfjs';
import { denseProduct } from './denseProduct';
import { DENSE, hasFused } from '../backend/fusedKernels';
import { convRelu, dense } from './layers';
import type { Forward } from './forward';
import { convLayerNames, denseLayerNames } from './paramSpecs';
import type { ModelSpec } from './types';

/** The forward pass of a Conv-2/4/6-style net: blocks of two 3×3 'same' convolutions and a 2×2 max-pool, then dense layers. */
export function convForward(spec: ModelSpec, blocks: number[]): Forward {
  const convNames = convLayerNames(blocks);
  const denseKernels = spec.params.filter((q) => q.prunable && q.role !== 'conv');
  const denseNames = denseLayerNames(denseKernels.length);
  const flat = denseKernels[0].shape[0];
  return (p, x, product = denseProduct(p)) => {
    let h: tf.Tensor4D = x;
    for (const block of convNames) {
      for (const name of block) h = convRelu(h, p[`${name}/kernel`], p[`${name}/bias`]);
      h = tf.maxPool(h, 2, 2, 'valid') as tf.Tensor4D;
    }
    let z: tf.Tensor2D = tf.reshape(h, [h.shape[0], flat]);
    denseNames.forEach((name, i) => {
      const relu = i + 1 < denseNames.length;
      if (hasFused(DENSE)) z = dense(z, p[`${name}/kernel`], p[`${name}/bias`], relu);
      else {
        z = tf.add(product(z, `${name}/kernel`), p[`${name}/bias`]) as tf.Tensor2D;
        if (relu) z = tf.relu(z);
      }
    });
    return z;
  };
}
