/**
 * The package's `data/` folder (dictionary, taxonomy, metrics, units, divisions, boilerplate rules,
 * weights). The code runs from `src/` under tsx and vitest and from `dist/` once bundled (ESM, and CJS
 * where tsup shims `import.meta.url`), and `data/` sits at the package root beside both: walk up from
 * this module until a folder holding `data/boilerplate.json` is found. Every stage finds its files here.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PlanCascadeError } from './errors.js'
import { parseJson } from './json.js'

/** The file whose presence marks the package's data folder. */
const MARKER = 'boilerplate.json'

let cached: string | null = null

/** Directory of this module, whichever build it runs from. */
function moduleDirectory(): string {
  try {
    return dirname(fileURLToPath(import.meta.url))
  } catch {
    // a bundler that left import.meta.url undefined: CJS globals, then the working directory
    return typeof __dirname === 'string' ? __dirname : process.cwd()
  }
}

function walkUp(start: string): string | null {
  let dir = resolve(start)
  for (;;) {
    if (existsSync(join(dir, 'data', MARKER))) return join(dir, 'data')
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/** The package's data folder. Throws `unreadable-file` when the install is broken. */
export function dataDir(): string {
  if (cached) return cached
  const found = walkUp(moduleDirectory())
  if (!found) {
    throw new PlanCascadeError(
      'unreadable-file',
      `cannot find the package data: no data/${MARKER} above ${moduleDirectory()}`,
    )
  }
  cached = found
  return found
}

/**
 * The folder of the five demo plans that ship with the package (`seeds/` beside `data/`): read them
 * with `loadCorpus(seedsDir())` or `analyze(seedsDir())`, whatever the working folder.
 */
export function seedsDir(): string {
  return join(dirname(dataDir()), 'seeds')
}

/** Path of a file of the data folder. */
export function dataFile(...parts: string[]): string {
  return join(dataDir(), ...parts)
}

/** Reads and parses a JSON file of the data folder (or a user's file when `path` is given). */
export function readDataJson<T>(name: string, path?: string): T {
  const file = path ?? dataFile(name)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot read: ${(error as Error).message}`, { file })
  }
  // a syntax error says its line:column (the weights file, a user's data file)
  return parseJson(text, file, 'bad-option') as T
}
