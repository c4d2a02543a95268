/**
 * `npm run bench:model-speed`: seconds per training step (batch 60, Adam,
 * masks on) and per evaluated image for each model on Node's WASM backend
 * (1 thread, as the page runs it today), the figures behind
 * src/engine/experiment/timeEstimate.ts and the presets' stated times.
 * Prints wall-clock and CPU time: on a shared machine CPU time is the
 * steadier figure for an idle device. Prints figures; fails on nothing.
 *
 *   npm run bench:model-speed                       # lenet300, conv2, conv4, conv6
 *   npm run bench:model-speed -- --models conv2 --steps 10
 */
import { parseArgs } from 'node:util';
import { EvalSet, toTensors, Batcher, initWeights, getModel, denseMasks, SparseNet, Rng, type Dataset } from '../src/engine';
import { useNodeBackend } from '../src/node/backend';

const { values } = parseArgs({ options: { models: { type: 'string', default: 'lenet300,conv2,conv4,conv6' }, steps: { type: 'string', default: '4' }, images: { type: 'string', default: '300' } } });

function randomData(shape: [number, number, number], n: number): Dataset {
  const rng = new Rng(2);
  const d = shape[0] * shape[1] * shape[2];
  const split = () => ({ x: Uint8Array.from({ length: n * d }, () => rng.int(256)), y: Uint8Array.from({ length: n }, () => rng.int(10)), n });
  return {
    id: 'random', name: 'random images', inputShape: shape, numClasses: 10, classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    mean: Array(shape[2]).fill(0.5), std: Array(shape[2]).fill(0.25), train: split(), val: split(), test: split(),
  };
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

await useNodeBackend('wasm');
console.log('model    | step wall s | step CPU s | eval wall ms/image | eval CPU ms/image | eval chunk');
console.log('---------|------------:|-----------:|-------------------:|------------------:|----------:');
for (const id of values.models!.split(',')) {
  const shape: [number, number, number] = id.startsWith('conv') ? [32, 32, 3] : [28, 28, 1];
  const ds = randomData(shape, Number(values.images));
  const model = getModel(id, shape, 10);
  const net = new SparseNet(model, initWeights(model, 0), denseMasks(model), { kind: 'adam', momentum: 0.9, weightDecay: 0 });
  const batcher = new Batcher(ds, 60, new Rng(3));
  const step = async () => {
    const { x, y } = toTensors(batcher.next(), ...shape, 10);
    const r = net.step(x, y, 1e-3);
    await r.loss.data();
    r.loss.dispose();
    x.dispose();
    y.dispose();
  };
  await step();
  const steps = Number(values.steps);
  let [w0, c0] = [performance.now(), cpu()];
  for (let i = 0; i < steps; i++) await step();
  const stepWall = (performance.now() - w0) / 1000 / steps;
  const stepCpu = (cpu() - c0) / steps;
  const set = new EvalSet(ds, ds.test);
  await set.evaluate(net); // warm-up (and measures the chunk)
  [w0, c0] = [performance.now(), cpu()];
  await set.evaluate(net);
  const n = ds.test.n;
  console.log(`${id.padEnd(8)} | ${stepWall.toFixed(3).padStart(11)} | ${stepCpu.toFixed(3).padStart(10)} | ${((performance.now() - w0) / n).toFixed(2).padStart(18)} | ${((1000 * (cpu() - c0)) / n).toFixed(2).padStart(17)} | ${String(set.chunkSize).padStart(9)}`);
  net.dispose();
}
