/// <reference types="@webgpu/types" />
/**
 * Runs a hand-written WGSL compute shader on tfjs's WebGPU backend, with any
 * number of outputs. tfjs's own program path binds one output and read-only
 * inputs, which cannot express "update the weight and both Adam moments in
 * one pass"; this helper allocates the outputs through the backend, binds
 * them read_write, and records the dispatch into the backend's own command
 * encoder, so it is ordered with tfjs's kernels, batched into the same
 * submits, timed by tf.profile, and its buffers are pooled and freed by tfjs.
 *
 * Only this file touches the backend's internals (tfjs-backend-webgpu 4.x);
 * the shape of what it uses is spelled out in WebGPUInternals.
 */
import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs-backend-webgpu's WebGPUBackend this helper relies on. */
interface WebGPUInternals {
  device: GPUDevice;
  tensorMap: { get(dataId: object): { dtype: tf.DataType } };
  disposeData(dataId: object): boolean;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  uploadToGPU(dataId: object): void;
  tensorToBinding(t: tf.TensorInfo): GPUBindingResource;
  makeUniforms(u: { type: 'float32' | 'int32' | 'uint32'; data: number[] }[]): GPUBindingResource;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  getQueryTime(): Promise<number>;
  commandEncoder: GPUCommandEncoder;
  computePassEncoder: GPUComputePassEncoder | null;
  dispatchCountInPass: number;
  commandQueueOwnedIds: WeakSet<object>;
  activeTimers: { name: string; query: Promise<number> }[] | null;
  supportTimestampQuery: boolean;
  querySet: GPUQuerySet | null;
  querySetCount: number;
}

export interface RawProgram {
  /** Names the pipeline in the cache and in tf.profile. */
  name: string;
  /** Full WGSL: bindings 0..outputs-1 are the outputs (read_write), then the inputs (read), then `uniforms`. */
  wgsl: string;
  workgroups: [number, number, number];
}

export type Uniform = { type: 'float32' | 'int32' | 'uint32'; data: number[] };

const pipelines = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

/** Work-group counts for `n` invocations of `size` threads, spilling into y past the 65,535 limit. */
export function flatWorkgroups(n: number, size: number): [number, number, number] {
  const groups = Math.max(1, Math.ceil(n / size));
  const x = Math.min(groups, 65535);
  return [x, Math.ceil(groups / x), 1];
}

/** WGSL snippet: the flat invocation index for flatWorkgroups' layout. */
export const FLAT_INDEX = 'let i = (wg.y * nwg.x + wg.x) * WG + lid.x;';

/**
 * Encodes one dispatch of `program`. `outputs` gives each output's shape
 * (float32); the returned TensorInfos belong to the caller (a kernel
 * function returns them to the engine, which wraps and tracks them).
 */
export function runRawProgram(backendIn: unknown, program: RawProgram, outputShapes: number[][], inputs: tf.TensorInfo[], uniforms: Uniform[]): tf.TensorInfo[] {
  const backend = backendIn as WebGPUInternals;
  // A float32 tensor may sit on an int32 buffer (tfjs casts int32 → float32 without copying): convert those.
  const converted = inputs.map((t) => (backend.tensorMap.get(t.dataId).dtype === 'float32' ? t : toFloatBuffer(backend, t)));
  const outputs = encode(backend, program, outputShapes, converted, uniforms);
  converted.forEach((t, i) => t !== inputs[i] && backend.disposeData(t.dataId));
  return outputs;
}

/** A float32 copy of a tensor whose buffer holds int32 (or bool, stored as int32). */
function toFloatBuffer(backend: WebGPUInternals, t: tf.TensorInfo): tf.TensorInfo {
  const size = t.shape.reduce((a, b) => a * b, 1);
  const wgsl = `
@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<i32>;
@group(0) @binding(2) var<uniform> u: vec4<u32>;
const WG = 256u;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  ${FLAT_INDEX}
  if (i < u.x) { y[i] = f32(x[i]); }
}`;
  return encode(backend, { name: 'IntToFloat', wgsl, workgroups: flatWorkgroups(size, 256) }, [t.shape], [t], [{ type: 'uint32', data: [size, 0, 0, 0] }])[0];
}

function encode(backend: WebGPUInternals, program: RawProgram, outputShapes: number[][], inputs: tf.TensorInfo[], uniforms: Uniform[]): tf.TensorInfo[] {
  const outputs = outputShapes.map((s) => backend.makeTensorInfo(s, 'float32'));
  for (const t of [...outputs, ...inputs]) {
    backend.uploadToGPU(t.dataId);
    // Keeps the buffer alive until the command buffer that uses it is submitted.
    backend.commandQueueOwnedIds.add(t.dataId);
  }
  const pipeline = pipelineFor(backend.device, program);
  const entries = [...outputs, ...inputs].map((t, i) => ({ binding: i, resource: backend.tensorToBinding(t) }));
  if (uniforms.length) entries.push({ binding: entries.length, resource: backend.makeUniforms(uniforms) });
  const bindGroup = backend.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });

  // Mirrors tfjs's recordAndSubmit: inside tf.profile each program gets its own timed pass.
  const timed = backend.activeTimers != null;
  backend.ensureCommandEncoderReady();
  if (timed && backend.supportTimestampQuery) {
    backend.endComputePassEncoder();
    backend.querySet ??= backend.device.createQuerySet({ type: 'timestamp', count: backend.querySetCount });
    backend.computePassEncoder = backend.commandEncoder.beginComputePass({
      timestampWrites: { querySet: backend.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
    });
  } else if (!backend.computePassEncoder) {
    backend.computePassEncoder = backend.commandEncoder.beginComputePass({});
  }
  const pass = backend.computePassEncoder!;
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(...program.workgroups);
  backend.dispatchCountInPass++;
  if (timed) {
    backend.endComputePassEncoder();
    backend.activeTimers!.push({ name: program.name, query: backend.getQueryTime() });
  } else if (tf.env().getNumber('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE') <= backend.dispatchCountInPass) {
    backend.endComputePassEncoder();
    backend.submitQueue();
  }
  return outputs;
}

function pipelineFor(device: GPUDevice, program: RawProgram): GPUComputePipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const key = `${program.name}\n${program.wgsl}`;
  let p = cache.get(key);
  if (!p) {
    const module = device.createShaderModule({ code: program.wgsl, label: program.name });
    p = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: program.name });
    cache.set(key, p);
  }
  return p;
}
