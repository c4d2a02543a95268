import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedDataFetch } from './dataCache';

/** A Cache Storage stand-in: one cache, keyed by URL. */
function fakeCaches() {
  const store = new Map<string, Response>();
  const cache = {
    match: async (k: string) => store.get(k)?.clone(),
    put: async (k: string, r: Response) => void store.set(k, r),
    keys: async () => [...store.keys()].map((url) => ({ url })),
    delete: async (r: { url: string }) => store.delete(r.url),
  };
  return { store, caches: { open: async () => cache } };
}

describe('cachedDataFetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('serves a prepared file from Cache Storage on the second fetch keyed by its sha256', async () => {
    const { store, caches } = fakeCaches();
    vi.stubGlobal('caches', caches);
    vi.stubGlobal('self', { location: { href: 'http://localhost/' } });
    const sha = 'aaa';
    const calls: string[] = [];
    const net = (async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push(url);
      if (url.endsWith('manifest.json')) return new Response(JSON.stringify({ files: { 'x.gz': { sha256: sha } } }));
      return new Response(new Uint8Array([1, 2, 3]));
    }) as typeof fetch;
    const f = cachedDataFetch(net);
    const url = 'http://localhost/data/mnist/x.gz';
    expect(new Uint8Array(await (await f(url)).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(await (await f(url)).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(calls.filter((c) => c.endsWith('x.gz'))).toHaveLength(1);
    expect([...store.keys()]).toEqual([`${url}?sha256=aaa`]);

  });

  it('passes other URLs straight through', async () => {
    const net = vi.fn(async () => new Response('ok')) as unknown as typeof fetch;
    vi.stubGlobal('caches', fakeCaches().caches);
    vi.stubGlobal('self', { location: { href: 'http://localhost/' } });
    await cachedDataFetch(net)('http://localhost/assets/app.js');
    expect(net).toHaveBeenCalledTimes(1);
  });
});
