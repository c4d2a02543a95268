import * as tf from '@tensorflow/tfjs';
import { denseProduct } from './denseProduct';
import { DENSE, hasFused } from '../backend/fusedKernels';
import { convRelu, dense } from './layers';
import type { ModelDef, ParamSpec } from './types';

/**
 * The LTH Conv-2/4/6 family (LTH Fig. 2): blocks of two 3×3 'same' convolutions
 * followed by 2×2 max-pooling, then FC 256-256-10. Prunable weights:
 * Conv-2 4,300,992; Conv-4 2,425,024; Conv-6 2,261,184 (the paper prints "1.7M"
 * for Conv-6, which does not match its own architecture table).
 */
export function convNet(
  id: string,
  label: string,
  blocks: number[],
  fc: number[] = [256, 256],
  inputShape: [number, number, number] = [32, 32, 3],
  numClasses = 10,
): ModelDef {
  const params: ParamSpec[] = [];
  const convNames: string[][] = [];
  let channels = inputShape[2];
  let side = inputShape[0];
  let ci = 0;
  let flops = 0;
  for (const width of blocks) {
    const block: string[] = [];
    for (let k = 0; k < 2; k++) {
      const name = `conv${++ci}`;
      block.push(name);
      params.push({
        name: `${name}/kernel`, shape: [3, 3, channels, width], prunable: true, role: 'conv',
        init: { kind: 'weight', fanIn: 9 * channels, fanOut: 9 * width },
      });
      flops += 2 * side * side * 9 * channels * width;
      params.push({ name: `${name}/bias`, shape: [width], prunable: false, role: 'conv', init: { kind: 'bias', fanIn: 9 * channels } });
      channels = width;
    }
    convNames.push(block);
    side = Math.floor(side / 2);
  }
  const flat = side * side * channels;
  const dims = [flat, ...fc, numClasses];
  const denseNames: string[] = [];
  for (let i = 0; i + 1 < dims.length; i++) {
    const isOut = i + 2 === dims.length;
    const name = isOut ? 'out' : `fc${i + 1}`;
    denseNames.push(name);
    flops += 2 * dims[i] * dims[i + 1];
    params.push({
      name: `${name}/kernel`, shape: [dims[i], dims[i + 1]], prunable: true, role: isOut ? 'output' : 'fc',
      init: { kind: 'weight', fanIn: dims[i], fanOut: dims[i + 1] },
    });
    params.push({ name: `${name}/bias`, shape: [dims[i + 1]], prunable: false, role: isOut ? 'output' : 'fc', init: { kind: 'bias', fanIn: dims[i] } });
  }
  return {
    id, label, inputShape, numClasses, params, forwardFlops: flops,
    forward(p, x, product = denseProduct(p)) {
      let h: tf.Tensor4D = x;
      for (const block of convNames) {
        for (const name of block) {
          h = convRelu(h, p[`${name}/kernel`], p[`${name}/bias`]);
        }
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
    },
  };
}
