/**
 * The backends the Node CLI can run on. WebGPU and WebGL exist in the page
 * only: flags naming them get a message saying so instead of silently
 * training on WASM (which a result file then recorded as 'wasm').
 */
export const NODE_BACKENDS: readonly string[] = ['wasm', 'cpu'];

/** Backends the page has that Node does not (yet): named in the message for --backend. */
export const PAGE_ONLY_BACKENDS: readonly string[] = ['webgpu', 'webgl'];
