import { beforeAll, describe, expect, it } from 'vitest';
import { cifar10Entry } from '../engine/data/cifar10';
import { fixtureBins } from '../engine/data/cifar10Fixture';
import { datasets, loadDataset, registerDataset } from '../engine/data/registry';
import { memoryDatasetCache } from '../storage/datasetCache';
import { importedFirstReader, registerBrowserCifar } from './datasetReader';

const info = { id: 'cifar10', source: 'fixture.tar.gz', recordsPerFile: 20, bytes: 6 * 20 * 3073, importedAt: 0, seconds: 0.1 };
const site = async (file: string) => new TextEncoder().encode(`site:${file}`);

describe('the trainer\'s dataset reader', () => {
  const original = datasets.cifar10;
  beforeAll(() => () => registerDataset('cifar10', original ?? cifar10Entry()));

  it('serves CIFAR-10 from the browser\'s import, and everything else from the site', async () => {
    const cache = memoryDatasetCache();
    const read = importedFirstReader(site, cache);
    expect(new TextDecoder().decode(await read('cifar10/data_batch_1.bin.gz'))).toBe('site:cifar10/data_batch_1.bin.gz');
    await cache.save(info, fixtureBins());
    expect((await read('cifar10/data_batch_1.bin.gz')).length).toBe(20 * 3073);
    expect(new TextDecoder().decode(await read('mnist/train-images-idx3-ubyte.gz'))).toBe('site:mnist/train-images-idx3-ubyte.gz');
  });

  it('loads the 20-record import as a dataset once CIFAR-10 infers its record count', async () => {
    const cache = memoryDatasetCache();
    await cache.save(info, fixtureBins());
    const read = importedFirstReader(site, cache);
    await expect(loadDataset('cifar10', read, { valSize: 20 })).rejects.toThrow(/30,730,000 bytes expected/);
    registerBrowserCifar();
    const ds = await loadDataset('cifar10', read, { valSize: 20, trainSubset: 50 });
    expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([50, 20, 20]);
    expect(ds.inputShape).toEqual([32, 32, 3]);
  });

  it('treats storage that cannot be opened as "no import", and names a file missing from an import', async () => {
    const broken = { ...memoryDatasetCache(), info: () => Promise.reject(new Error('no IndexedDB')) };
    expect((await importedFirstReader(site, broken)('cifar10/test_batch.bin.gz')).length).toBeGreaterThan(0);
    const cache = memoryDatasetCache();
    await cache.save(info, { 'data_batch_1.bin': new Uint8Array(1) });
    await expect(importedFirstReader(site, cache)('cifar10/test_batch.bin.gz')).rejects.toThrow('test_batch.bin is missing from the CIFAR-10 stored in this browser');
  });
});
