import * as tf from '@tensorflow/tfjs';

/**
 * Hands the GPU memory tfjs keeps pooled for reuse back to the driver. After
 * an evaluation (chunks of a different size than training batches) and at the
 * end of a run, the pool holds buffers nothing will ask for again; tfjs only
 * frees them when the whole backend is disposed. Only *free* pool entries are
 * destroyed: live tensors are untouched, and the next step simply allocates
 * what it needs. WASM cannot return memory at all (WebAssembly memory only
 * grows), which is why its evaluation chunks are kept small (evalBudget.ts).
 * The pools are tfjs internals (4.22): every field is checked before use, so a
 * different tfjs version makes this a no-op rather than a crash.
 * Returns the bytes released (0 when there was nothing to do).
 */
export function releasePooledMemory(name: string = tf.getBackend(), backend: unknown = tf.backend()): number {
  try {
    if (name === 'webgpu') return releaseWebGpuBuffers((backend as { bufferManager?: unknown }).bufferManager);
    if (name === 'webgl') return releaseWebGlTextures(backend as { textureManager?: unknown; gpgpu?: unknown });
  } catch {
    // A pool that does not look as expected is left alone.
  }
  return 0;
}

interface GpuBufferPool {
  freeBuffers: Map<string, { size: number; destroy(): void }[]>;
  numFreeBuffers: number;
  numBytesAllocated: number;
}

function releaseWebGpuBuffers(pool: unknown): number {
  const p = pool as GpuBufferPool | undefined;
  if (!p || !(p.freeBuffers instanceof Map)) return 0;
  let bytes = 0;
  // Keys stay: tfjs's releaseBuffer stops pooling altogether once the map is empty.
  for (const list of p.freeBuffers.values()) {
    for (const b of list) {
      bytes += b.size;
      b.destroy();
    }
    p.numFreeBuffers -= list.length;
    list.length = 0;
  }
  p.numBytesAllocated -= bytes;
  return bytes;
}

interface GlTexturePool {
  freeTextures: Record<string, { texture: unknown }[]> | null;
  numFreeTextures: number;
  _numBytesFree: number;
  _numBytesAllocated: number;
}

function releaseWebGlTextures(backend: { textureManager?: unknown; gpgpu?: unknown }): number {
  const p = backend.textureManager as GlTexturePool | undefined;
  const gpgpu = backend.gpgpu as { deleteMatrixTexture?(t: unknown): void } | undefined;
  if (!p?.freeTextures || typeof gpgpu?.deleteMatrixTexture !== 'function') return 0;
  for (const list of Object.values(p.freeTextures)) {
    for (const t of list) gpgpu.deleteMatrixTexture(t.texture);
    list.length = 0;
  }
  // The free bytes are exactly the pooled textures' bytes.
  const bytes = p._numBytesFree;
  p._numBytesAllocated -= bytes;
  p._numBytesFree = 0;
  p.numFreeTextures = 0;
  return bytes;
}
