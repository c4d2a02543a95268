import * as tf from '@tensorflow/tfjs';
import type { DenseProduct, ParamTensors } from './types';

/** The plain product: p[kernel] is the full (masked) matrix. Apart from types.ts, which must not load tfjs. */
export const denseProduct = (p: ParamTensors): DenseProduct => (h, kernel) => tf.matMul(h, p[kernel] as tf.Tensor2D);
