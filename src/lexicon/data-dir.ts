/**
 * Where the package's data files are at run time.
 *
 * Data files (`data/lexicon/*`, and the files other stages ship under `data/`) are read relative to the
 * package root. The module runs from three places: `src/lexicon` under tsx or vitest, `dist/index.js`
 * (ESM) and `dist/index.cjs` (CJS, where tsup shims `import.meta.url`). Rather than counting `..`
 * per layout, walk up from the module's directory until a directory holding the marker file is found.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PlanCascadeError } from '../errors.js'

/** The file whose presence marks the package root. */
const MARKER = join('data', 'lexicon', 'taxonomy.json')

let cachedRoot: string | undefined

/** Directory of this module, whichever build it runs from. */
function moduleDirectory(): string {
  try {
    // ESM, tsx, vitest, and the CJS build (tsup `shims: true` rewrites import.meta.url there).
    return dirname(fileURLToPath(import.meta.url))
  } catch {
    // A bundler that left import.meta.url undefined: fall back to CJS globals, then the working dir.
    return typeof __dirname === 'string' ? __dirname : process.cwd()
  }
}

/** Walks up from `start` to the first directory containing `data/lexicon/taxonomy.json`, or null. */
function walkUp(start: string): string | null {
  let dir = resolve(start)
  for (;;) {
    if (existsSync(join(dir, MARKER))) return dir
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/**
 * The package root: the nearest directory at or above this module (or `from`, when given) that holds
 * `data/lexicon/taxonomy.json`. Cached after the first successful lookup without `from`.
 *
 * @throws PlanCascadeError `unreadable-file` when no such directory exists (a broken install).
 */
export function findPackageRoot(from?: string): string {
  if (from === undefined && cachedRoot !== undefined) return cachedRoot
  const root = walkUp(from ?? moduleDirectory()) ?? (from === undefined ? walkUp(process.cwd()) : null)
  if (root === null) {
    throw new PlanCascadeError(
      'unreadable-file',
      `cannot find the package data: no ${MARKER} above ${from ?? moduleDirectory()}`,
      { file: MARKER },
    )
  }
  if (from === undefined) cachedRoot = root
  return root
}

/** The `data/` directory of the package, e.g. `findDataDir()/lexicon/stopwords.txt`. */
export function findDataDir(from?: string): string {
  return join(findPackageRoot(from), 'data')
}
