/**
 * The package's `data/` folder (dictionary, taxonomy, metrics, divisions, boilerplate rules), found by
 * walking up from this module: it is `src/` under tsx and `dist/` once bundled, and data/ sits beside
 * both at the package root.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | null = null

export function dataDir(): string {
  if (cached) return cached
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data')
    if (existsSync(join(candidate, 'boilerplate.json'))) {
      cached = candidate
      return candidate
    }
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new Error(`plan-cascade: cannot find its data/ folder above ${fileURLToPath(import.meta.url)}`)
}

/** Reads and parses a JSON file of the data folder (or a user's file when `path` is given). */
export function readDataJson<T>(name: string, path?: string): T {
  return JSON.parse(readFileSync(path ?? join(dataDir(), name), 'utf8')) as T
}
