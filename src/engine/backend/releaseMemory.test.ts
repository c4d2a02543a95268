import { describe, expect, it } from 'vitest';
import { releasePooledMemory } from './releaseMemory';

describe('releasePooledMemory', () => {
  it('destroys the free WebGPU buffers only, keeping the pool usable', () => {
    const destroyed: number[] = [];
    const buf = (size: number) => ({ size, destroy: () => destroyed.push(size) });
    const used = buf(999);
    const pool = {
      freeBuffers: new Map([['64_1', [buf(64), buf(64)]], ['128_1', [buf(128)]]]),
      usedBuffers: new Map([['999_1', [used]]]),
      numFreeBuffers: 3, numBytesAllocated: 64 + 64 + 128 + 999,
    };
    expect(releasePooledMemory('webgpu', { bufferManager: pool })).toBe(256);
    expect(destroyed.sort()).toEqual([128, 64, 64].sort());
    expect(pool.numFreeBuffers).toBe(0);
    expect(pool.numBytesAllocated).toBe(999);
    expect([...pool.freeBuffers.keys()]).toEqual(['64_1', '128_1']);
  });

  it('deletes the free WebGL textures and their bytes', () => {
    const deleted: unknown[] = [];
    const textureManager = { freeTextures: { a: [{ texture: 't1' }], b: [{ texture: 't2' }] }, numFreeTextures: 2, _numBytesFree: 300, _numBytesAllocated: 1000 };
    expect(releasePooledMemory('webgl', { textureManager, gpgpu: { deleteMatrixTexture: (t: unknown) => deleted.push(t) } })).toBe(300);
    expect(deleted).toEqual(['t1', 't2']);
    expect(textureManager).toMatchObject({ numFreeTextures: 0, _numBytesFree: 0, _numBytesAllocated: 700 });
  });

  it('does nothing on WASM and CPU, or when the pool is not what it expects', () => {
    expect(releasePooledMemory('wasm', {})).toBe(0);
    expect(releasePooledMemory('webgpu', { bufferManager: { freeBuffers: 'no' } })).toBe(0);
    expect(releasePooledMemory('webgl', {})).toBe(0);
  });
});
