/// <reference types="@webgpu/types" />
/**
 * bench.html?gpu=lenet300,conv2: the headless-Chromium rows of
 * `npm run bench -- --gpu` (src/bench/gpuStep.ts), on whatever WebGPU adapter
 * the browser has (SwiftShader in CI, the GPU on a GPU machine).
 */
import * as tf from '@tensorflow/tfjs';
import { isSoftwareRenderer } from '../../worker/softwareRenderer';
import { GPU_STEPS, gpuStepRows, type GpuStepRow } from '../gpuStep';

export interface GpuPageResult { ok: boolean; kind: 'gpu'; adapter?: string; userAgent: string; rows: GpuStepRow[]; error?: string }

export async function gpuPage(q: URLSearchParams): Promise<GpuPageResult> {
  const base: GpuPageResult = { ok: false, kind: 'gpu', userAgent: navigator.userAgent, rows: [] };
  try {
    const adapter = 'gpu' in navigator ? await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' }) : null;
    if (!adapter) throw new Error('no WebGPU adapter in this browser (start Chromium with --enable-unsafe-webgpu, and on Linux --enable-features=Vulkan)');
    const info = adapter.info;
    const label = [info.vendor, info.architecture, info.description || info.device].filter(Boolean).join(' · ');
    tf.env().set('PROD', true);
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) throw new Error('the tfjs webgpu backend failed to initialise');
    const num = (k: string, d: number) => (q.has(k) ? Number(q.get(k)) : d);
    const software = isSoftwareRenderer(label);
    // ?step=lean|ops: one row per page, so the driver can bound each row's time (a Conv-2 step on SwiftShader takes minutes).
    const only = q.get('step');
    const steps: readonly GpuStepRow['step'][] = only === 'lean' || only === 'ops' ? [only] : GPU_STEPS;
    const rows = await gpuStepRows(q.get('gpu')!.split(','), { batch: num('batch', 60), warmupSteps: num('warmup', 1), steps: software ? 0 : num('steps', 20), rounds: software ? 1 : num('rounds', 3) }, undefined, steps);
    return { ...base, ok: true, adapter: label, rows };
  } catch (e) {
    return { ...base, error: e instanceof Error ? e.message : String(e) };
  }
}
