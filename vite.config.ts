import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Cross-origin isolation (crossOriginIsolated === true) so SharedArrayBuffer
 * and the threaded WASM backend are available. Static hosts that cannot set
 * headers get the same via public/coi-serviceworker.js.
 */
const isolation: Record<string, string> = process.env.SPARSE_LAB_NO_COI
  ? {}
  : { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Relative asset URLs: dist/ works from any static host and any sub-path
  // (a course page at https://host/course/lab/ as well as a LAN laptop at /).
  base: './',
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  // The trainer is a module worker that imports tfjs and the engine.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs alone is ~1.5 MB minified; the warning would only be noise.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // bench.html: the in-browser half of `npm run bench` (src/bench/page).
      input: { main: resolve(root, 'index.html'), bench: resolve(root, 'bench.html') },
    },
  },
});
