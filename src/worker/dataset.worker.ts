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

/** The answer the running import waits for after asking to replace the stored import. */
let answer: ((replace: boolean) => void) | null = null;

scope.onmessage = (e: MessageEvent<unknown>) => {
  const parsed = ToImporterSchema.safeParse(e.data);
  if (!parsed.success) {
    const jobId = Number((e.data as { jobId?: unknown } | null)?.jobId ?? 0);
    post({ type: 'failed', jobId, message: `The import worker got a malformed request (${parsed.error.issues.map((i) => i.message).join('; ')})` });
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'confirm') {
    answer?.(msg.replace);
    answer = null;
    return;
  }
  void runImportJob(msg, { post, cache: idbDatasetCache(), confirmReplace: () => new Promise<boolean>((resolve) => (answer = resolve)) });
};
