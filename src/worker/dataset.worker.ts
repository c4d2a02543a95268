/// <reference lib="webworker" />
import { idbDatasetCache } from '../storage/datasetCacheIdb';
import type { FromImporter } from './datasetProtocol';
import { ToImporterSchema } from './datasetProtocol';
import { runImportJob } from './datasetJob';

/**
 * The dataset import worker: streams, decompresses and checks one import,
 * stores it in IndexedDB and reports. The page starts a fresh one per import
 * and ends it afterwards, which also frees everything the import held.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromImporter) => scope.postMessage(msg);

scope.onmessage = (e: MessageEvent<unknown>) => {
  const parsed = ToImporterSchema.safeParse(e.data);
  if (!parsed.success) {
    const jobId = Number((e.data as { jobId?: unknown } | null)?.jobId ?? 0);
    post({ type: 'failed', jobId, message: `The import worker got a malformed request (${parsed.error.issues.map((i) => i.message).join('; ')})` });
    return;
  }
  void runImportJob(parsed.data, { post, cache: idbDatasetCache() });
};
