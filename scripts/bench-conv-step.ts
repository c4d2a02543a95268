/**
 * Times one Conv-2 training step (32x32x3 -> conv64 -> conv64 -> maxpool ->
 * dense256 -> dense256 -> dense10, softmax cross-entropy, plain SGD) on the
 * tfjs 'wasm' backend (with src/engine/backend/wasmConvGrads registered) and
 * on the pure-JS 'cpu' backend.
 *
 *   npx tsx scripts/bench-conv-step.ts [--batch 60] [--wasm-steps 5]
 *       [--warmup 2] [--cpu-steps 1] [--cpu-warmup 0] [--stock] [--profile]
 *
 * The CPU step is slow (its Conv2DBackpropFilter is a scalar JS loop: ~10 min
 * per batch-60 step on a 2-core box), so by default it is timed once without
 * warm-up; --cpu-steps 0 skips it. --stock registers only the missing
 * Conv2DBackpropFilter and keeps the stock slow kernels, for comparison.
 * --profile prints the most expensive wasm kernels of one step.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvGradients } from '../src/engine/backend/wasmConvGrads';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a non-negative number`);
  return v;
}
const has = (name: string) => process.argv.includes(`--${name}`);

const BATCH = flag('batch', 60);
const WASM_STEPS = Math.max(1, flag('wasm-steps', 5));
const WARMUP = flag('warmup', 2);
const CPU_STEPS = flag('cpu-steps', 1);
const CPU_WARMUP = flag('cpu-warmup', 0);
const LR = 0.01;

/** mulberry32 + Box-Muller: identical weights and data on every backend. */
function normals(n: number, seed: number, std: number): Float32Array {
  let s = seed >>> 0;
  const uni = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = std * Math.sqrt(-2 * Math.log(uni())) * Math.cos(2 * Math.PI * uni());
  return out;
}

// [shape, fanIn, fanOut]; biases are zero-initialised.
const LAYERS: Array<[number[], number, number]> = [
  [[3, 3, 3, 64], 3 * 9, 64 * 9],
  [[3, 3, 64, 64], 64 * 9, 64 * 9],
  [[16384, 256], 16384, 256],
  [[256, 256], 256, 256],
  [[256, 10], 256, 10],
];

function buildParams(): tf.Variable[] {
  const params: tf.Variable[] = [];
  LAYERS.forEach(([shape, fanIn, fanOut], i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    params.push(tf.variable(tf.tensor(normals(size, 1000 + i, Math.sqrt(2 / (fanIn + fanOut))), shape)));
    params.push(tf.variable(tf.zeros([shape[shape.length - 1]])));
  });
  return params;
}

function loss(p: tf.Tensor[], x: tf.Tensor4D, y: tf.Tensor2D): tf.Scalar {
  let h = tf.relu(tf.add(tf.conv2d(x, p[0] as tf.Tensor4D, 1, 'same'), p[1])) as tf.Tensor4D;
  h = tf.relu(tf.add(tf.conv2d(h, p[2] as tf.Tensor4D, 1, 'same'), p[3])) as tf.Tensor4D;
  h = tf.maxPool(h, 2, 2, 'valid');
  let d = tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D;
  d = tf.relu(tf.add(tf.matMul(d, p[4] as tf.Tensor2D), p[5])) as tf.Tensor2D;
  d = tf.relu(tf.add(tf.matMul(d, p[6] as tf.Tensor2D), p[7])) as tf.Tensor2D;
  const logits = tf.add(tf.matMul(d, p[8] as tf.Tensor2D), p[9]) as tf.Tensor2D;
  return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
}

/** One SGD step; returns the loss tensor (caller reads + disposes it). */
function step(params: tf.Variable[], x: tf.Tensor4D, y: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.valueAndGrads((...p: tf.Tensor[]) => loss(p, x, y))(params);
    params.forEach((v, i) => v.assign(tf.sub(v, tf.mul(grads[i], LR))));
    return value;
  });
}

/** ms: wall clock per step; cpuMs: this process's CPU time per step (less sensitive to other load on the box). */
interface Result { ms: number; cpuMs: number; firstLoss: number }

async function bench(backend: string, steps: number, warmup: number): Promise<Result> {
  await tf.setBackend(backend);
  await tf.ready();
  const params = buildParams();
  const x = tf.tensor4d(normals(BATCH * 32 * 32 * 3, 7, 1), [BATCH, 32, 32, 3]);
  const labels = tf.tensor1d(Array.from({ length: BATCH }, (_, i) => (i * 7) % 10), 'int32');
  const y = tf.oneHot(labels, 10).toFloat() as tf.Tensor2D;
  // Loss of the very first step (before any update): must agree across backends.
  let firstLoss = NaN;
  for (let i = 0; i < warmup; i++) {
    const l = step(params, x, y);
    const v = (await l.data())[0];
    if (i === 0) firstLoss = v;
    l.dispose();
  }
  if (has('profile') && backend === 'wasm') {
    const info = await tf.profile(async () => { const l = step(params, x, y); await l.data(); l.dispose(); });
    const per = new Map<string, number>();
    for (const k of info.kernels) per.set(k.name, (per.get(k.name) ?? 0) + (await k.kernelTimeMs as number));
    console.log('wasm kernels by time (ms):', [...per].sort((a, b) => b[1] - a[1]).slice(0, 8)
      .map(([n, t]) => `${n} ${t.toFixed(0)}`).join(', '));
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const l = step(params, x, y);
    const v = (await l.data())[0]; // awaited read closes the timed region
    if (i === 0 && warmup === 0) firstLoss = v;
    l.dispose();
  }
  const ms = (performance.now() - t0) / steps;
  const c = process.cpuUsage(c0);
  tf.dispose([...params, x, labels, y]);
  return { ms, cpuMs: (c.user + c.system) / 1000 / steps, firstLoss };
}

async function main(): Promise<void> {
  registerWasmConvGradients(has('stock') ? { replaceSlowBackpropInput: false, fastTransposedMatMul: false, replaceBuggyMaxPoolGrad: false } : {});
  await tf.setBackend('wasm');
  console.log(`tfjs ${tf.version.tfjs}; wasm threads under ${typeof process !== 'undefined' ? 'Node' : '?'}: ` +
    `${getThreadsCount()} (${getThreadsCount() > 1 ? 'multi-threaded' : 'single-threaded'})` +
    `${has('stock') ? '; --stock: stock wasm kernels' : ''}`);
  const rows: Array<[string, Result]> = [];
  rows.push(['wasm', await bench('wasm', WASM_STEPS, WARMUP)]);
  console.error(`wasm done: ${rows[0][1].ms.toFixed(1)} ms/step`);
  if (CPU_STEPS > 0) {
    console.error(`timing ${CPU_WARMUP} + ${CPU_STEPS} cpu step(s); this can take many minutes...`);
    rows.push(['cpu', await bench('cpu', CPU_STEPS, CPU_WARMUP)]);
  }
  console.log(`\nConv-2 training step, batch ${BATCH}`);
  console.log('backend |    ms/step | samples/s | CPU-time ms/step | first-step loss');
  for (const [name, r] of rows) {
    const sps = (BATCH / r.ms) * 1000;
    console.log(`${name.padEnd(7)} | ${r.ms.toFixed(1).padStart(10)} | ${sps.toPrecision(3).padStart(9)} | ` +
      `${r.cpuMs.toFixed(1).padStart(16)} | ${r.firstLoss.toFixed(5)}`);
  }
  if (rows.length === 2) {
    const [w, c] = [rows[0][1], rows[1][1]];
    console.log(`speed-up wasm vs cpu: ${(c.ms / w.ms).toFixed(1)}x wall, ${(c.cpuMs / w.cpuMs).toFixed(1)}x CPU time`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
