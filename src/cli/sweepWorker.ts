/**
 * One worker of a sweep (`lab sweep`, `lab compare`, `reproduce`): a Node
 * process started by src/node/sweepPool.ts that loads the backend once,
 * keeps each dataset it loads, and trains the cells it is sent one at a time.
 */
import { loadDataset, executeCell, type Dataset, type SweepCell } from '../engine';
import { useNodeBackend } from '../node/backend';
import { nodeDataReader } from '../node/cifar';
import type { FromWorker, ToWorker } from '../node/sweepPool';
import type { NodeBackendName } from '../node/backendChoices';
import { registerLadderMethod } from './reproduceLadder';

const send = (m: FromWorker) => process.send?.(m);
// Ctrl-C reaches the whole process group: the parent decides, and finishes or kills this worker itself.
process.on('SIGINT', () => {});
// The reproduction's ladder method may appear in a cell's config.
registerLadderMethod();

let backend: Promise<string> | null = null;
const datasets = new Map<string, Promise<Dataset>>();

function datasetFor(cell: SweepCell, dataRoot?: string): Promise<Dataset> {
  const d = cell.config.data;
  const key = JSON.stringify([d.dataset, d.valSize, d.splitSeed, d.trainSubset, d.testSubset, dataRoot]);
  let ds = datasets.get(key);
  if (!ds) {
    ds = nodeDataReader(d.dataset, dataRoot).then((reader) => loadDataset(d.dataset, reader, d));
    datasets.set(key, ds);
  }
  return ds;
}

async function run(msg: ToWorker): Promise<void> {
  const { cell } = msg;
  try {
    backend ??= useNodeBackend(msg.backend as NodeBackendName | undefined).then((b) => {
      send({ type: 'ready', backend: b.name });
      return b.name;
    });
    await backend;
    const ds = await datasetFor(cell, msg.dataRoot);
    let last = 0;
    const file = await executeCell(cell, ds, {
      cpuSeconds: () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
      },
      onProgress: (done) => {
        if (Date.now() - last < 500) return;
        last = Date.now();
        send({ type: 'progress', runId: cell.runId, done });
      },
    });
    send({ type: 'done', file });
  } catch (e) {
    send({ type: 'error', runId: cell.runId, message: e instanceof Error ? e.message : String(e) });
  }
}

// One cell at a time: the parent sends the next only after this one's answer.
process.on('message', (m: ToWorker) => {
  if (m?.type === 'run') void run(m);
});
process.on('disconnect', () => process.exit(0));
