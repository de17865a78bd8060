/**
 * The corpus as a network, for Gephi, igraph, networkx (GraphML) and Graphviz (DOT): documents and
 * items are nodes; an item is `part-of` its document, links join items, and documents are joined by
 * `cascade` (a parent jurisdiction's plan to a child's) and `evolution` (one jurisdiction, a later plan).
 *
 *   networkx: nx.read_graphml('out/report.graphml')
 *   igraph:   read_graph('out/report.graphml', format = 'graphml')
 */

import { expectReport } from '../arguments.js'
import { compareStrings } from '../diff/index.js'
import type { PlanDocument } from '../model/index.js'
import type { ReportOutput } from '../model/report.js'
import { documentName, escapeXml, indexReport, itemName, levelRank, sortDocuments } from './shared.js'

interface GraphNode {
  id: string
  attributes: Record<string, string | number | null>
}

interface GraphEdge {
  id: string
  source: string
  target: string
  attributes: Record<string, string | number | null>
}

/** Attributes of nodes and edges, with their GraphML types. */
const NODE_KEYS: Array<[string, 'string' | 'int' | 'double']> = [
  ['type', 'string'],
  ['label', 'string'],
  ['doc', 'string'],
  ['jurisdiction', 'string'],
  ['level', 'string'],
  ['year', 'int'],
  ['title', 'string'],
  ['heading', 'string'],
  ['topic', 'string'],
  ['threads', 'string'],
  ['targets', 'int'],
]
const EDGE_KEYS: Array<[string, 'string' | 'int' | 'double']> = [
  ['type', 'string'],
  ['relation', 'string'],
  ['score', 'double'],
  ['changes', 'string'],
  ['threads', 'int'],
]

/** Nodes and edges of a report, in a stable order. */
export function buildGraph(report: ReportOutput): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const index = indexReport(report)
  const documents = sortDocuments(report.documents)
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  for (const doc of documents) {
    nodes.push({
      id: doc.id,
      attributes: {
        type: 'document',
        label: documentName(doc),
        doc: doc.id,
        jurisdiction: doc.jurisdiction?.name ?? null,
        level: doc.jurisdiction?.level ?? null,
        year: doc.year,
        title: doc.title,
        heading: null,
        topic: null,
        threads: null,
        targets: doc.items.reduce((n, i) => n + i.targets.length, 0),
      },
    })
  }
  for (const doc of documents) {
    for (const item of doc.items) {
      nodes.push({
        id: item.id,
        attributes: {
          type: 'item',
          label: itemName(item, 24),
          doc: doc.id,
          jurisdiction: doc.jurisdiction?.name ?? null,
          level: doc.jurisdiction?.level ?? null,
          year: doc.year,
          title: null,
          heading: item.heading,
          topic: item.topics[0]?.id ?? null,
          threads: (index.threadsOfItem.get(item.id) ?? []).join(' '),
          targets: item.targets.length,
        },
      })
      edges.push({
        id: `part-of:${item.id}`,
        source: item.id,
        target: doc.id,
        attributes: { type: 'part-of', relation: null, score: null, changes: null, threads: null },
      })
    }
  }
  for (const [from, to, relation] of documentEdges(documents)) {
    const threads = report.threads.filter((t) => t.documents.includes(from.id) && t.documents.includes(to.id))
    edges.push({
      id: `${relation}:${from.id}->${to.id}`,
      source: from.id,
      target: to.id,
      attributes: { type: relation, relation, score: null, changes: null, threads: threads.length },
    })
  }
  const links = [...report.links].sort(
    (a, b) => compareStrings(a.source, b.source) || compareStrings(a.target, b.target),
  )
  for (const link of links) {
    if (!index.items.has(link.source) || !index.items.has(link.target)) continue
    edges.push({
      id: `link:${link.source}->${link.target}`,
      source: link.source,
      target: link.target,
      attributes: {
        type: 'link',
        relation: link.relation,
        score: link.score,
        changes: link.changes.join(' '),
        threads: null,
      },
    })
  }
  return { nodes, edges }
}

/**
 * Document pairs that relate by jurisdiction: a parent's plan to a child's plan (`cascade`), and one
 * jurisdiction's plan to its next plan (`evolution`).
 */
export function documentEdges(
  documents: readonly PlanDocument[],
): Array<[PlanDocument, PlanDocument, 'cascade' | 'evolution']> {
  const out: Array<[PlanDocument, PlanDocument, 'cascade' | 'evolution']> = []
  const sorted = sortDocuments(documents)
  for (const a of sorted) {
    for (const b of sorted) {
      if (a === b || !a.jurisdiction || !b.jurisdiction) continue
      if (
        b.jurisdiction.parent === a.jurisdiction.name &&
        levelRank(a.jurisdiction.level) < levelRank(b.jurisdiction.level)
      ) {
        out.push([a, b, 'cascade'])
      }
    }
  }
  for (const a of sorted) {
    const next = sorted
      .filter((b) => b !== a && b.jurisdiction?.name === a.jurisdiction?.name && a.jurisdiction)
      .filter((b) => (b.year ?? 0) > (a.year ?? 0))
      .sort((x, y) => (x.year ?? 0) - (y.year ?? 0) || compareStrings(x.id, y.id))[0]
    if (next) out.push([a, next, 'evolution'])
  }
  return out
}

/** GraphML of documents, items and links (directed; attributes declared with their types). */
export function toGraphml(report: ReportOutput): string {
  expectReport(report, 'toGraphml')
  const { nodes, edges } = buildGraph(report)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ]
  for (const [name, type] of NODE_KEYS) {
    lines.push(`  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`)
  }
  for (const [name, type] of EDGE_KEYS) {
    lines.push(`  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`)
  }
  lines.push('  <graph id="plan-cascade" edgedefault="directed">')
  for (const node of nodes) {
    lines.push(`    <node id="${escapeXml(node.id)}">`)
    lines.push(...dataLines('n', node.attributes))
    lines.push('    </node>')
  }
  for (const edge of edges) {
    lines.push(
      `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">`,
    )
    lines.push(...dataLines('e', edge.attributes))
    lines.push('    </edge>')
  }
  lines.push('  </graph>', '</graphml>', '')
  return lines.join('\n')
}

function dataLines(prefix: string, attributes: Record<string, string | number | null>): string[] {
  return Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `      <data key="${prefix}_${key}">${escapeXml(String(value))}</data>`)
}

/** DOT (Graphviz) of the same graph: one cluster per document, links as edges labelled with scores. */
export function toDot(report: ReportOutput): string {
  expectReport(report, 'toDot')
  const index = indexReport(report)
  const documents = sortDocuments(report.documents)
  const lines = [
    'digraph "plan-cascade" {',
    '  graph [rankdir=LR, fontname="Noto Sans CJK SC", compound=true];',
    '  node [shape=box, style="rounded,filled", fillcolor="#f7f7f7", fontname="Noto Sans CJK SC", fontsize=10];',
    '  edge [fontname="Noto Sans CJK SC", fontsize=8, color="#4a6fa5"];',
  ]
  documents.forEach((doc, k) => {
    lines.push(`  subgraph "cluster_${k}" {`)
    lines.push(`    label=${dotString(`${documentName(doc)} · ${doc.title}`)};`)
    lines.push('    style="rounded"; color="#999999";')
    for (const item of doc.items) {
      lines.push(`    ${dotString(item.id)} [label=${dotString(`${item.path}\n${itemName(item, 16)}`)}];`)
    }
    lines.push('  }')
  })
  const links = [...report.links].sort(
    (a, b) => compareStrings(a.source, b.source) || compareStrings(a.target, b.target),
  )
  for (const link of links) {
    if (!index.items.has(link.source) || !index.items.has(link.target)) continue
    const width = (0.5 + 2.5 * link.score).toFixed(2)
    lines.push(
      `  ${dotString(link.source)} -> ${dotString(link.target)} [label=${dotString(link.score.toFixed(2))}, penwidth=${width}, tooltip=${dotString(link.relation)}];`,
    )
  }
  lines.push('}', '')
  return lines.join('\n')
}

/** A DOT quoted string. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}
