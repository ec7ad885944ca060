// Builds the Node side (CLI, Electron main and preload) with esbuild and the renderer with Vite.
// Native and npm packages stay external: they are resolved from node_modules at run time.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
const node = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  esbuild({ ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.mjs', format: 'esm' }),
  // The scan's conversion runs in a worker thread (#28.1): its own file beside the bundles.
  esbuild({ ...node, entryPoints: ['src/main/services/pdf/scan-worker.ts'], outfile: 'dist/scan-worker.mjs', format: 'esm' }),
  esbuild({ ...node, entryPoints: ['src/main/electron/main.ts'], outfile: 'dist/main/main.mjs', format: 'esm', external: ['electron'] }),
  // A sandboxed preload must be a single CommonJS file that requires nothing but electron.
  esbuild({
    ...node,
    packages: undefined,
    entryPoints: ['src/preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
]);
await viteBuild({ configFile: 'vite.config.ts' });
console.log(`build: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
