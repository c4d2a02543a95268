import { describe, expect, it, vi } from 'vitest';
import { memoryDatasetCache } from '../../storage/datasetCache';
import type { WorkerLike } from '../../worker/client';
import { DatasetImportClient } from '../../worker/datasetClient';
import type { FromImporter, ToImporter } from '../../worker/datasetProtocol';
import { createDatasetController } from './datasetController';
import { createPageStore } from '../state/pageStore';
import { validateDraft } from '../pure/validate';

const info = { id: 'cifar10', source: 'c.tar.gz', recordsPerFile: 20, bytes: 368_760, importedAt: 1, seconds: 0.1 };

class FakeWorker implements WorkerLike {
  sent: ToImporter[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  postMessage(m: unknown) {
    this.sent.push(m as ToImporter);
  }
  terminate() {
    this.terminated = true;
  }
  emit(m: FromImporter) {
    this.onmessage?.({ data: m } as MessageEvent);
  }
}

function setup(server = false) {
  const store = createPageStore({ presetId: 'conv2-cifar-quick', overrides: {} });
  const cache = memoryDatasetCache();
  const workers: FakeWorker[] = [];
  const dataChanged = vi.fn();
  let clock = 0;
  const datasets = createDatasetController(store, {
    cache, dataChanged, now: () => (clock += 100),
    probe: async () => ({ mnist: true, cifar10: server }),
    makeClient: (h) => new DatasetImportClient(h, () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }),
  });
  const valid = () => validateDraft(store.getState().draft, store.getState()).errors['data.dataset'];
  return { store, cache, workers, datasets, dataChanged, valid };
}

const tarFile = () => new File([new Uint8Array(4)], 'c.tar.gz');

describe('the dataset controller', () => {
  it('checks the site and this browser, and keeps the dataset menu and validation in step', async () => {
    const { store, datasets, valid } = setup();
    await datasets.check();
    expect(store.getState().datasetFiles).toEqual({ mnist: true, cifar10: false });
    expect(store.getState().cifar.availability).toBe('missing');
    expect(valid()).toMatch(/CIFAR-10 has not been imported yet/);

    const served = setup(true);
    await served.datasets.check();
    expect(served.store.getState().cifar.availability).toBe('server');
    expect(served.valid()).toBeUndefined();
  });

  it('finds an import stored on an earlier visit without importing again', async () => {
    const { store, cache, datasets, workers, valid } = setup();
    await cache.save(info, {});
    await datasets.check();
    expect(store.getState().cifar).toMatchObject({ availability: 'imported', stored: info });
    expect(store.getState().datasetFiles?.cifar10).toBe(true);
    expect(valid()).toBeUndefined();
    expect(workers).toHaveLength(0);
  });

  it('imports in a fresh worker, ends it afterwards, and tells the trainer the data changed', async () => {
    const { store, datasets, workers, dataChanged } = setup();
    await datasets.check();
    const file = tarFile();
    expect(datasets.importFiles([file])).toBe(true);
    expect(datasets.importFiles([file])).toBe(false); // one import at a time
    expect(workers).toHaveLength(1);
    expect(workers[0].sent[0]).toEqual({ type: 'import', jobId: 1, source: { kind: 'files', files: [file] } });
    workers[0].emit({ type: 'progress', jobId: 1, stage: 'reading', loaded: 2, total: 4, detail: 'c.tar.gz' });
    expect(store.getState().cifar.job).toMatchObject({ loaded: 2, total: 4 });
    workers[0].emit({ type: 'done', jobId: 1, info });
    expect(workers[0].terminated).toBe(true);
    expect(store.getState().cifar).toMatchObject({ availability: 'imported', job: null, last: { source: 'c.tar.gz', seconds: 0.1 } });
    expect(store.getState().datasetFiles?.cifar10).toBe(true);
    expect(dataChanged).toHaveBeenCalledTimes(1);
  });

  it('shows a failed import\'s message, and a crashed worker as a failed import', async () => {
    const { store, datasets, workers } = setup();
    await datasets.check();
    datasets.importFiles([tarFile()]);
    workers[0].emit({ type: 'failed', jobId: 1, message: 'c.tar.gz: not a gzip file', file: 'c.tar.gz' });
    expect(store.getState().cifar).toMatchObject({ availability: 'missing', error: { message: 'c.tar.gz: not a gzip file', file: 'c.tar.gz' } });
    expect(workers[0].terminated).toBe(true);
    datasets.importUrl('https://x.org/c.tar.gz');
    workers[1].onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    expect(store.getState().cifar.error?.message).toBe('The import stopped: out of memory');
  });

  it('refuses to import while a run trains; cancels; forgets', async () => {
    const { store, cache, datasets, workers, dataChanged } = setup();
    await cache.save(info, {});
    await datasets.check();
    store.setState({ status: 'running' });
    expect(datasets.importFiles([tarFile()])).toBe(false);
    store.setState({ status: 'idle' });
    datasets.importFiles([tarFile()]);
    datasets.cancel();
    expect(workers[0].terminated).toBe(true);
    expect(store.getState().cifar).toMatchObject({ job: null, availability: 'imported' });
    await datasets.forget();
    expect(await cache.info('cifar10')).toBeNull();
    expect(store.getState().cifar.availability).toBe('missing');
    expect(store.getState().datasetFiles?.cifar10).toBe(false);
    expect(dataChanged).toHaveBeenCalledTimes(1);
  });
});
