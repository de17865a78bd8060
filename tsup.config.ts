import { defineConfig } from 'tsup'

export default defineConfig([
  {
    // the worker of loadCorpusAsync's pool is an entry of its own, beside the bundle that starts it
    entry: { index: 'src/index.ts', worker: 'src/pipeline/worker.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
    sourcemap: false,
    target: 'node20',
    shims: true,
    // htmlparser2 ships only as an ES module: bundle it so the CommonJS build needs no require(esm)
    noExternal: ['htmlparser2'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
])
