// The pthread worker script tfjs-backend-wasm ships as a CommonJS string export (no typings of its own).
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js' {
  export const wasmWorkerContents: string;
}
