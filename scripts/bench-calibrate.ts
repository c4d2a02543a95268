/**
 * `npm run bench:calibrate`: the page's backend choice by measurement
 * (src/engine/backend/calibrate.ts, the same calibrateChain and timed
 * training step), run in Node for each model on every backend Node has: WASM
 * and, where Dawn finds an adapter, WebGPU. Prints each candidate's samples/s
 * and which one the chain picks, so a GPU server shows where conv nets and
 * LeNet land without a browser. Prints figures; fails on nothing.
 *
 *   npm run bench:calibrate                                  # lenet300, conv2, conv4, conv6 at batch 60
 *   npm run bench:calibrate -- --models conv6 --batch 128 --repeat 3
 *
 * `--repeat N` calibrates each model N times (the page calibrates once per
 * visit and model class; repeats show how steady that choice is).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { calibrateChain, getModel, measureTrainingStep, selectBackend, type BackendName, type CandidateMeasure } from '../src/engine';
import { useNodeBackend } from '../src/node/backend';

const { values } = parseArgs({ options: {
  models: { type: 'string', default: 'lenet300,conv2,conv4,conv6' },
  batch: { type: 'string', default: '60' },
  repeat: { type: 'string', default: '1' },
} });
const batch = Number(values.batch);
const repeat = Math.max(1, Number(values.repeat));

// WASM first (it also registers the lab's WASM kernels), then WebGPU through Dawn if an adapter exists.
await useNodeBackend('wasm');
const order: BackendName[] = ['wasm'];
let gpu: { detail: string; software: boolean } | null = null;
try {
  const r = await useNodeBackend('webgpu');
  gpu = { detail: r.detail, software: r.software };
  order.unshift('webgpu');
} catch (e) {
  console.log(`webgpu: not measured (${(e as Error).message})`);
}
console.log(`machine: ${os.cpus().length} CPU threads (${os.cpus()[0]?.model ?? '?'})${gpu ? `; WebGPU adapter: ${gpu.detail}` : ''}`);

/** Makes `name` the active backend, checked with one op (selectBackend, as the page's worker does). */
const activate = async (name: BackendName) => {
  const r = await selectBackend([name], async (n) => (n === 'webgpu' && gpu ? gpu : { detail: 'WebAssembly (Node, 1 thread)', software: false }));
  return { name: r.name, detail: r.detail, software: r.software };
};

const fmt = (c: CandidateMeasure) => (c.error ? `failed: ${c.error}` : c.untimed ? 'untimed' : `${c.samplesPerSec.toFixed(0)}${c.capped ? ' (capped)' : ''}`);
console.log(`\nmodel    | batch | ${order.map((b) => `${b} samples/s`).join(' | ')} | chosen | calibration took`);
console.log(`---------|------:|${order.map(() => '----------:').join('|')}|--------|---------:`);
for (const id of values.models!.split(',')) {
  const model = getModel(id, id.startsWith('conv') ? [32, 32, 3] : [28, 28, 1], 10);
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const out = await calibrateChain(order, {
      activate,
      measure: () => measureTrainingStep(model, batch),
      softwareHint: async (n) => (n === 'webgpu' && gpu?.software ? { software: true, detail: gpu.detail } : null),
    });
    const cells = order.map((b) => {
      const c = out.candidates.find((x) => x.name === b);
      return c ? fmt(c) : (out.rejected.find((r) => r.name === b)?.reason ?? '–');
    });
    console.log(`${id.padEnd(8)} | ${String(batch).padStart(5)} | ${cells.join(' | ')} | ${out.chosen.name} | ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
// Dawn's device would otherwise keep the process alive.
process.exit(0);
