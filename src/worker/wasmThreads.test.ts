import { afterEach, describe, expect, it } from 'vitest';
import { prepareWasmThreads, reportCoresForInit } from './wasmThreads';

const scope = globalThis as { crossOriginIsolated?: boolean };

afterEach(() => {
  delete scope.crossOriginIsolated;
});

describe('threaded WASM set-up', () => {
  it('falls back to one thread, with the reason for the header, when the page is not cross-origin isolated', () => {
    scope.crossOriginIsolated = false;
    const t = prepareWasmThreads();
    expect(t.threads).toBe(1);
    expect(t.reason).toMatch(/not cross-origin isolated/);
  });

  it('asks for every core when isolated, and reports doubled cores only while the backend initialises', () => {
    scope.crossOriginIsolated = true;
    // A worker's navigator: hardwareConcurrency is a getter on the prototype.
    const nav = Object.create({ get hardwareConcurrency() { return 2; } }) as { hardwareConcurrency: number };
    const g = globalThis as { navigator?: unknown };
    const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true });
    try {
      expect(prepareWasmThreads().threads).toBe(2);
      const restore = reportCoresForInit(2);
      expect(nav.hardwareConcurrency).toBe(4);
      restore();
      expect(nav.hardwareConcurrency).toBe(2);
    } finally {
      if (had) Object.defineProperty(globalThis, 'navigator', had);
      else delete g.navigator;
    }
  });
});
