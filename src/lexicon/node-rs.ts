/**
 * The default segmenter: `@node-rs/jieba` (jieba-rs through napi-rs). Its npm package ships prebuilt
 * binaries, so nothing is compiled on the user's machine, and its HMM keeps Latin/digit runs whole:
 * 5G, IPv6, 12345, 3.0.
 */
import { createRequire } from 'node:module'
import type { DictionaryEntry } from './dictionary.js'
import { DEFAULT_TERM_FREQ, formatDictionary } from './dictionary.js'
import type { Segmenter } from './segmenter.js'

type NodeRsJieba = typeof import('@node-rs/jieba')
type NodeRsDict = typeof import('@node-rs/jieba/dict.js')

/** Loaded lazily: requiring `@node-rs/jieba/dict.js` reads the 5 MB dictionary from disk. */
function loadNodeRs(): { Jieba: NodeRsJieba['Jieba']; dict: Uint8Array } {
  const require = createRequire(import.meta.url)
  const { Jieba } = require('@node-rs/jieba') as NodeRsJieba
  const { dict } = require('@node-rs/jieba/dict.js') as NodeRsDict
  return { Jieba, dict }
}

/**
 * A fresh `@node-rs/jieba` segmenter with the default jieba dictionary plus `entries`, cutting with or
 * without HMM. Building one
 * parses the whole jieba dictionary (about 0.3 s): use `createSegmenter`, which caches.
 */
export function createNodeRsSegmenter(entries: readonly DictionaryEntry[], hmm: boolean): Segmenter {
  const { Jieba, dict } = loadNodeRs()
  const jieba = Jieba.withDict(dict)
  if (entries.length > 0) jieba.loadDict(Buffer.from(formatDictionary(entries)))
  return {
    name: 'node-rs',
    cut: (text) => jieba.cut(text, hmm),
    cutForSearch: (text) => jieba.cutForSearch(text, hmm),
    addWord(word, freq = DEFAULT_TERM_FREQ) {
      if (/\s/.test(word) || word === '') return
      jieba.loadDict(Buffer.from(formatDictionary([{ term: word, freq, tag: 'n' }])))
    },
  }
}
