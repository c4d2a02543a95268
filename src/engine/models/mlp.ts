import * as tf from '@tensorflow/tfjs';
import { denseProduct } from './denseProduct';
import { DENSE, hasFused } from '../backend/fusedKernels';
import { dense } from './layers';
import type { ModelDef, ParamSpec } from './types';

/**
 * A fully-connected ReLU network. LeNet-300-100 (LTH §2) is mlp([300, 100]) on
 * 28×28 inputs: 784·300 + 300·100 + 100·10 = 266,200 prunable weights.
 */
export function mlp(
  id: string,
  label: string,
  hidden: number[],
  inputShape: [number, number, number] = [28, 28, 1],
  numClasses = 10,
): ModelDef {
  const inDim = inputShape[0] * inputShape[1] * inputShape[2];
  const dims = [inDim, ...hidden, numClasses];
  const params: ParamSpec[] = [];
  const names: string[] = [];
  for (let i = 0; i + 1 < dims.length; i++) {
    const isOut = i + 2 === dims.length;
    const name = isOut ? 'out' : `fc${i + 1}`;
    names.push(name);
    const [fanIn, fanOut] = [dims[i], dims[i + 1]];
    params.push({
      name: `${name}/kernel`, shape: [fanIn, fanOut], prunable: true,
      role: isOut ? 'output' : 'fc', init: { kind: 'weight', fanIn, fanOut },
    });
    params.push({
      name: `${name}/bias`, shape: [fanOut], prunable: false,
      role: isOut ? 'output' : 'fc', init: { kind: 'bias', fanIn },
    });
  }
  return {
    id, label, inputShape, numClasses, params,
    forwardFlops: dims.slice(1).reduce((f, out, i) => f + 2 * dims[i] * out, 0),
    forward(p, x, product = denseProduct(p)) {
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
    },
  };
}
