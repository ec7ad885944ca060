import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer, built once and served by both hosts (Electron file:// and browser mode). */
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
  logLevel: 'warn',
});
