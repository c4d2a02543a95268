/**
 * `npm run bench:eval-memory`: peak WASM heap while evaluating Conv-2/4/6 on
 * CIFAR-sized images, with the old fixed chunk of 1,000 images ("before") and
 * with the chunk the engine now picks from its memory and time budgets
 * ("after"). Each (model, chunking) runs in a process of its own, because a
 * WebAssembly heap only ever grows: its size after the evaluation is the peak.
 * Prints a table; nothing fails on a slow machine.
 *
 *   npm run bench:eval-memory                    # 2,000 images (two old chunks: the peak is per chunk)
 *   npm run bench:eval-memory -- --images 10000  # a full CIFAR-10 test set
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EvalSet, initWeights, getModel, denseMasks, SparseNet, Rng, type Dataset } from '../src/engine';

const MODELS = ['conv2', 'conv4', 'conv6'];
const MB = 1e6;

interface Row { model: string; chunking: string; chunk: number; baseMB: number; peakMB: number; rssMB: number; msPerImage: number }

function cifarShaped(n: number): Dataset {
  const rng = new Rng(1);
  const split = () => ({ x: Uint8Array.from({ length: n * 3072 }, () => rng.int(256)), y: Uint8Array.from({ length: n }, () => rng.int(10)), n });
  const empty = { x: new Uint8Array(0), y: new Uint8Array(0), n: 0 };
  return {
    id: 'cifar-shaped', name: 'random CIFAR-shaped images', inputShape: [32, 32, 3], numClasses: 10,
    classNames: Array.from({ length: 10 }, (_, i) => String(i)), mean: [0.49, 0.48, 0.45], std: [0.25, 0.24, 0.26],
    train: empty, val: empty, test: split(),
  };
}

const heapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;

async function child(model: string, chunking: string, images: number): Promise<void> {
  const { useNodeBackend } = await import('../src/node/backend');
  await useNodeBackend('wasm');
  const ds = cifarShaped(images);
  const def = getModel(model, [32, 32, 3], 10);
  const net = new SparseNet(def, initWeights(def, 0), denseMasks(def), { kind: 'adam', momentum: 0.9, weightDecay: 0 });
  const set = new EvalSet(ds, ds.test, chunking === 'fixed 1000' ? { chunk: 1000 } : {});
  const base = heapBytes();
  const t0 = performance.now();
  await set.evaluate(net);
  const ms = performance.now() - t0;
  const row: Row = {
    model, chunking, chunk: set.chunkSize, baseMB: base / MB, peakMB: heapBytes() / MB,
    rssMB: (process.resourceUsage().maxRSS * 1024) / MB, msPerImage: ms / images,
  };
  console.log(JSON.stringify(row));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { images: { type: 'string', default: '2000' }, child: { type: 'string' }, chunking: { type: 'string' } } });
  const images = Number(values.images);
  if (values.child) return child(values.child, values.chunking!, images);
  console.log(`Evaluation of ${images.toLocaleString('en-US')} CIFAR-sized images on WASM (Node, 1 thread); heap = WebAssembly memory after the pass (its peak).`);
  console.log('model  | chunking    | images/chunk | heap before eval | heap peak | process RSS peak | ms per image');
  console.log('-------|-------------|--------------|------------------|-----------|------------------|-------------');
  for (const model of MODELS) {
    for (const chunking of ['fixed 1000', 'budgeted']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', model, '--chunking', chunking, '--images', String(images)], { encoding: 'utf8' });
      const last = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !last.startsWith('{')) {
        console.log(`${model.padEnd(6)} | ${chunking.padEnd(11)} | failed: ${(r.stderr || last).trim().split('\n').pop()}`);
        continue;
      }
      const row = JSON.parse(last) as Row;
      console.log(`${model.padEnd(6)} | ${chunking.padEnd(11)} | ${String(row.chunk).padStart(12)} | ${row.baseMB.toFixed(0).padStart(13)} MB | ${row.peakMB.toFixed(0).padStart(6)} MB | ${row.rssMB.toFixed(0).padStart(13)} MB | ${row.msPerImage.toFixed(2).padStart(12)}`);
    }
  }
}

await main();
