import * as tf from '@tensorflow/tfjs';
import { FALLBACK_ORDER, type BackendName, type BackendReport } from './info';


/**
 * Activates the first backend in `order` that really works. `tf.setBackend`
 * resolves false (rather than throwing) when initialisation fails, and after a
 * failed WebGPU init `tf.getBackend()` may still name it, so each candidate
 * must both report success and compute a small op correctly before we trust it.
 */
export async function selectBackend(
  order: BackendName[] = FALLBACK_ORDER,
  describe: (name: BackendName) => Promise<{ detail: string; software: boolean }> = async (n) => ({ detail: n, software: false }),
): Promise<BackendReport> {
  const rejected: BackendReport['rejected'] = [];
  for (const name of order) {
    if (!tf.findBackendFactory(name)) {
      rejected.push({ name, reason: 'not registered in this build' });
      continue;
    }
    try {
      const ok = await tf.setBackend(name);
      if (!ok) {
        rejected.push({ name, reason: 'initialisation failed' });
        continue;
      }
      await tf.ready();
      if (tf.getBackend() !== name) {
        rejected.push({ name, reason: `tfjs reports "${tf.getBackend()}" instead` });
        continue;
      }
      const probe = await probeOp();
      if (probe) {
        rejected.push({ name, reason: probe });
        continue;
      }
      const { detail, software } = await describe(name);
      return { name, detail, software, rejected };
    } catch (e) {
      rejected.push({ name, reason: (e as Error).message });
    }
  }
  throw new Error(`No TensorFlow.js backend works here: ${rejected.map((r) => `${r.name}: ${r.reason}`).join('; ')}`);
}

/** Runs a tiny matmul and checks the result; returns an error message or null. */
export async function probeOp(): Promise<string | null> {
  const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
  const b = tf.tensor2d([5, 6, 7, 8], [2, 2]);
  const c = tf.matMul(a, b);
  try {
    const v = await c.data();
    const expected = [19, 22, 43, 50];
    return expected.every((e, i) => Math.abs(v[i] - e) < 1e-3) ? null : `test op gave [${Array.from(v).join(', ')}]`;
  } catch (e) {
    return `test op failed: ${(e as Error).message}`;
  } finally {
    tf.dispose([a, b, c]);
  }
}
