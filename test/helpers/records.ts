// Small builders of records for tests: an item, a target, a document, with defaults for every field.
import type { Segmenter } from '../../src/lexicon/index.js'
import type { Level, Link, PlanDocument, PlanItem, Target } from '../../src/model/index.js'

export function makeTarget(fields: Partial<Target> & Pick<Target, 'text' | 'value'>): Target {
  return {
    valueMax: null,
    unit: '个',
    normalized: fields.value,
    normalizedMax: null,
    normalizedUnit: '个',
    comparator: '=',
    kind: 'level',
    status: 'planned',
    direction: null,
    year: null,
    yearFrom: null,
    referenceYear: null,
    metric: '5G基站',
    metricFamily: '5g-base-stations',
    span: [0, 0],
    ...fields,
  }
}

export function makeItem(fields: Partial<PlanItem> & Pick<PlanItem, 'id' | 'text'>): PlanItem {
  const [docId, path] = fields.id.split('#') as [string, string]
  return {
    docId,
    path,
    label: null,
    style: null,
    number: null,
    heading: '',
    kind: 'task',
    sectionId: null,
    sectionPath: [],
    span: [0, fields.text.length],
    parts: [],
    responsible: null,
    targets: [],
    row: null,
    topics: [],
    keywords: [],
    role: null,
    ...fields,
  }
}

export function makeDocument(
  id: string,
  place: { name: string; level: Level; parent?: string | null },
  year: number | null,
  items: PlanItem[],
): PlanDocument {
  return {
    id,
    source: { path: `${id}.txt`, encoding: 'utf-8', format: 'text', convertedFromTraditional: false },
    title: `${year ?? ''}年${place.name}工作要点`,
    issuer: null,
    jurisdiction: {
      name: place.name,
      level: place.level,
      code: null,
      parent: place.parent ?? null,
      parentCode: null,
    },
    year,
    period: year ? { from: year, to: year } : null,
    kind: 'work-plan',
    sections: [],
    items: items.map((item) => ({ ...item, docId: id })),
    tables: [],
    regions: [],
    warnings: [],
    sourceText: items.map((i) => i.text).join('\n'),
  }
}

export function makeLink(
  source: string,
  target: string,
  score: number,
  relation: Link['relation'] = 'cascade',
): Link {
  return {
    source,
    target,
    score,
    relation,
    changes: [],
    targetChanges: [],
    evidence: {
      features: { tfidf: score, sentence: score, ngram: score, heading: 0, topics: 0, metrics: 0, units: 0 },
      sharedTerms: [],
      sharedTopics: [],
      sharedMetrics: [],
      sharedUnits: [],
      summary: 'test link',
    },
    decision: 'machine',
  } as unknown as Link
}

/**
 * A segmenter without jieba: the longest word of `words` at each place, else one character. Enough to
 * test diffs word by word.
 */
export function fakeSegmenter(words: string[]): Segmenter {
  const sorted = [...words].sort((a, b) => b.length - a.length)
  const cut = (text: string) => {
    const tokens: string[] = []
    let i = 0
    while (i < text.length) {
      const word = sorted.find((w) => text.startsWith(w, i))
      const token = word ?? text[i]!
      tokens.push(token)
      i += token.length
    }
    return tokens
  }
  return { name: 'fake', cut, cutForSearch: cut, addWord() {} }
}
