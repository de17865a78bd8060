/**
 * Where the lexicon's data files are: the package's data folder (see src/data-dir.ts).
 */
import { dirname } from 'node:path'
import { dataDir } from '../data-dir.js'

/** The package root (the folder holding data/). */
export function findPackageRoot(): string {
  return dirname(dataDir())
}

/** The `data/` directory of the package, e.g. `findDataDir()/lexicon/stopwords.txt`. */
export function findDataDir(): string {
  return dataDir()
}
