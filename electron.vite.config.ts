import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { workerEntries } from './scripts/build-targets.mjs';
import renderer from './vite.config.js';

/** Electron build: main and preload bundled for Node/Electron, the renderer as for the browser host. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          ...Object.fromEntries(
            Object.entries(workerEntries).map(([name, source]) => [name, resolve(source)]),
          ),
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
