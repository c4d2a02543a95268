/**
 * A fetch for the prepared data files (`<base>data/<set>/<file>.gz`) that keeps
 * them in the Cache Storage API, keyed by the sha256 the set's manifest.json
 * gives for each file: a second visit reads MNIST from the local cache instead
 * of the network, and a re-prepared file (new sha256) is fetched again. The
 * manifest itself is always fetched (it is small); without it, or without
 * Cache Storage (insecure context), this is a plain fetch.
 */
const CACHE = 'sparse-lab-data-v1';

type Manifest = { files: Record<string, { sha256: string }> };
const manifests = new Map<string, Promise<Manifest | null>>();

function manifestFor(dir: string, fetchFn: typeof fetch): Promise<Manifest | null> {
  let m = manifests.get(dir);
  if (!m) {
    m = fetchFn(`${dir}manifest.json`, { cache: 'no-cache' }).then((r) => (r.ok ? (r.json() as Promise<Manifest>) : null), () => null);
    manifests.set(dir, m);
  }
  return m;
}

export function cachedDataFetch(fetchFn: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (typeof caches === 'undefined' || !/\/data\/[^/]+\/[^/]+\.gz$/.test(new URL(url, self.location.href).pathname)) return fetchFn(input, init);
    const dir = url.slice(0, url.lastIndexOf('/') + 1);
    const name = url.slice(dir.length);
    const sha = (await manifestFor(dir, fetchFn))?.files?.[name]?.sha256;
    if (!sha) return fetchFn(input, init);
    const key = `${url}?sha256=${sha}`;
    try {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      if (hit) return hit;
      const res = await fetchFn(input, init);
      if (res.ok) {
        // Older versions of the same file go; the new one is stored beside the response we return.
        for (const old of await cache.keys()) if (old.url.startsWith(`${url}?sha256=`) && old.url !== key) await cache.delete(old);
        await cache.put(key, res.clone());
      }
      return res;
    } catch {
      return fetchFn(input, init); // quota or a private mode without Cache Storage
    }
  };
}
