import { datasets } from '../../engine/spec';

/**
 * Which registered datasets the server actually has files for. A dataset
 * whose data was never prepared or imported (CIFAR-10 until someone runs its
 * import) is listed but cannot be chosen. Dev servers answer a missing file
 * with the HTML page, so an HTML answer counts as missing.
 */
export async function probeDatasetFiles(base: string, fetchFn: typeof fetch = fetch): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(datasets).map(async ([id, entry]) => {
      const first = Object.values(entry.files)[0];
      try {
        const res = await fetchFn(`${base}data/${entry.folder}/${first}`, { method: 'HEAD' });
        return [id, res.ok && !(res.headers.get('content-type') ?? '').includes('text/html')] as const;
      } catch {
        return [id, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
