import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import renderer from './vite.config.js';

/** Electron build: main and preload bundled for Node/Electron, the renderer as for the browser host. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The workers are entries of their own, started from beside index.js (workers/module-worker.ts).
        input: {
          index: resolve('src/main/index.ts'),
          'feed-worker': resolve('src/main/sync/feed-worker.ts'),
          'embedded-worker': resolve('src/main/session/embedded-worker.ts'),
          'checkpoint-worker': resolve('src/main/cache/checkpoint-worker.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require() anything but electron: bundle everything into one CJS file.
    build: {
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: resolve('src/preload/index.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: { ...renderer, build: { ...renderer.build, outDir: resolve('out/renderer') } },
});
