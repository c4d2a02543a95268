import * as tf from '@tensorflow/tfjs';
import type { DenseProduct, ParamTensors } from './forward';

/** The plain product: p[kernel] is the full (masked) matrix. Apart from model.ts, which only names tfjs types. */
export const denseProduct = (p: ParamTensors): DenseProduct => (h, kernel) => tf.matMul(h, p[kernel] as tf.Tensor2D);
