/// <reference lib="webworker" />
import { idbDatasetCache } from '../storage/datasetCacheIdb';
import { loseDevice, startBackend } from './backend';
import { importedFirstReader, registerBrowserCifar } from './datasetReader';
import { cachedDataFetch } from './dataCache';
import { fetchReader } from './fetchReader';
import { parseToWorker, type FromWorker } from './protocol';
import { TrainerSession } from './session';

/**
 * The trainer worker: owns tfjs, the data, the model, masks and optimizer
 * state. It only routes validated commands to the session; training keeps
 * going in a hidden tab because nothing here waits for animation frames.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

// CIFAR-10 from this browser's import first (it may hold fewer records per file), else from the site.
registerBrowserCifar();
// Files come from the page's site root (sent with 'init'), e.g. https://host/course/lab/data/mnist/….
let readFile = siteReader(import.meta.env.BASE_URL);
function siteReader(root: string) {
  return importedFirstReader(fetchReader(root, cachedDataFetch()), idbDatasetCache());
}
const session = new TrainerSession({
  post,
  readFile: (file, onProgress) => readFile(file, onProgress),
  startBackend,
  loseDevice,
  // Only `node e2e/run.mjs` builds with this set: production builds cannot slow their evaluation down.
  testHooks: import.meta.env.VITE_TEST_HOOKS === '1',
});

scope.onmessage = (e: MessageEvent<unknown>) => {
  const parsed = parseToWorker(e.data);
  if (!parsed.ok) {
    console.error(`trainer worker: ignored a malformed command (${parsed.error})`);
    return;
  }
  if (parsed.msg.type === 'init' && parsed.msg.dataRoot) readFile = siteReader(parsed.msg.dataRoot);
  session.handle(parsed.msg).catch((err: unknown) => post({ type: 'fatal', reason: 'crash', message: String((err as Error)?.message ?? err) }));
};

scope.onunhandledrejection = (e: PromiseRejectionEvent) => {
  post({ type: 'fatal', reason: 'crash', message: String((e.reason as Error)?.message ?? e.reason) });
};
