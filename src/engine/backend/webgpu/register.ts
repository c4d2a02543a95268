/**
 * Registers the lean training step's fused kernels for tfjs's 'webgpu'
 * backend (the page's worker and the Node CLI call this once the WebGPU
 * backend module is loaded). Idempotent. `registerWebGPUKernels(false)`
 * removes the kernels again, so the benchmark can time the op-by-op step
 * beside the lean one in the same process; the engine checks for the
 * kernels at every step (fusedKernels.ts hasFused) and falls back to ops.
 */
import * as tf from '@tensorflow/tfjs';
import { layerGradConfigs, layerKernelConfigs } from './layerKernels';
import { lossGradConfigs, lossKernelConfigs } from './lossKernels';
import { maskedUpdateConfig } from './maskedUpdateKernel';

const KERNELS: tf.KernelConfig[] = [maskedUpdateConfig, ...layerKernelConfigs, ...lossKernelConfigs];
let gradientsRegistered = false;

export function registerWebGPUKernels(enabled = true): void {
  // Gradients are keyed by kernel name only and never run unless the kernel does.
  if (!gradientsRegistered) [...layerGradConfigs, ...lossGradConfigs].forEach((g) => tf.registerGradient(g));
  gradientsRegistered = true;
  for (const c of KERNELS) {
    const has = tf.getKernel(c.kernelName, c.backendName) !== undefined;
    if (enabled && !has) tf.registerKernel(c);
    if (!enabled && has) tf.unregisterKernel(c.kernelName, c.backendName);
  }
}
