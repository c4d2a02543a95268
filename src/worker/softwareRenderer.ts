/**
 * Renderers that emulate a GPU on the CPU. A WebGPU or WebGL backend on one
 * of these works but is far slower than WASM, so the page labels it
 * "software — slow" instead of letting "webgpu" suggest speed.
 */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|software rasterizer|\bsoftware\b/i;

export function isSoftwareRenderer(text: string): boolean {
  return SOFTWARE.test(text);
}
