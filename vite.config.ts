import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The trainer is a module worker that imports tfjs and the engine.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs alone is ~1.5 MB minified; the warning would only be noise.
    chunkSizeWarningLimit: 4000,
  },
});
