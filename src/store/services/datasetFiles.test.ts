import { describe, expect, it } from 'vitest';
import { probeDatasetFiles } from './datasetFiles';

describe('probeDatasetFiles', () => {
  it('counts a file as present only when the server answers with data, not its HTML fallback page', async () => {
    const asked: string[] = [];
    const fetchFn = (async (url: string) => {
      asked.push(url);
      const isMnist = url.includes('/mnist/');
      return new Response(null, { status: 200, headers: { 'content-type': isMnist ? 'application/gzip' : 'text/html' } });
    }) as unknown as typeof fetch;
    const found = await probeDatasetFiles('/base/', fetchFn);
    expect(found.mnist).toBe(true);
    expect(found.cifar10).toBe(false);
    expect(asked.every((u) => u.startsWith('/base/data/'))).toBe(true);
  });

  it('treats network errors as missing', async () => {
    const found = await probeDatasetFiles('/', (async () => { throw new Error('offline'); }) as unknown as typeof fetch);
    expect(Object.values(found).every((v) => v === false)).toBe(true);
  });
});
