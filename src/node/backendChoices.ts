/**
 * The backends the Node CLI can run on: WASM, WebGPU (through Dawn, only when
 * asked for: src/node/webgpu.ts) and the pure-JS CPU. WebGL exists in the page
 * only: a flag naming it gets a message saying so instead of silently
 * training on WASM (which a result file then recorded as 'wasm').
 */
export const NODE_BACKENDS = ['wasm', 'webgpu', 'cpu'] as const;
export type NodeBackendName = (typeof NODE_BACKENDS)[number];

/** What a run uses when no --backend is given, in order of preference. */
export const NODE_DEFAULT_ORDER: readonly NodeBackendName[] = ['wasm', 'cpu'];

/** Backends the page has that Node does not: named in the message for --backend. */
export const PAGE_ONLY_BACKENDS: readonly string[] = ['webgl'];
