import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
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
