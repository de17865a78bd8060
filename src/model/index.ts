/**
 * The shared records of plan-cascade, as zod schemas with their TypeScript types.
 *
 * Every stage reads and writes these records; the JSON output is these records (schemaVersion 2), and
 * `schema/plan-cascade.schema.json` is generated from them (`npm run schema`).
 *
 * Spans are `[start, end)` offsets in UTF-16 code units into the document's `sourceText` (the decoded
 * text as read, before normalization), so a span always points back at what the user sees in the file.
 */
import { z } from 'zod'

/** Version of the JSON output; bumped on any incompatible change. */
export const SCHEMA_VERSION = 2 as const

/** `[start, end)` in the document's `sourceText`. */
export const Span = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .describe('[start, end) offsets (UTF-16 code units) into the document sourceText')
export type Span = z.infer<typeof Span>

/** Administrative level of a jurisdiction. */
export const Level = z.enum(['national', 'province', 'city', 'district', 'county'])
export type Level = z.infer<typeof Level>

/** The government a document belongs to. */
export const Jurisdiction = z.object({
  /** Full name as in the division dataset, e.g. 福州市. */
  name: z.string(),
  /** Administrative level. */
  level: Level,
  /** GB/T 2260 code (6 digits padded, e.g. 350100), or null when the name is not in the dataset. */
  code: z.string().nullable(),
  /** Name of the parent jurisdiction (仓山区 -> 福州市), or null at the top. */
  parent: z.string().nullable(),
  /** GB/T 2260 code of the parent, or null. */
  parentCode: z.string().nullable(),
})
export type Jurisdiction = z.infer<typeof Jurisdiction>

/** Years a plan covers, inclusive: 十四五 = 2021-2025, a 2019 work plan = 2019-2019. */
export const Period = z.object({ from: z.number().int(), to: z.number().int() })
export type Period = z.infer<typeof Period>

/** What sort of plan a document is, from its title. */
export const DocumentKind = z.enum([
  /** 政府工作报告: a review of the past year (or five), the year's targets, its tasks. */
  'work-report',
  'work-plan',
  'five-year-plan',
  'special-plan',
  'action-plan',
  'implementation-plan',
  'opinion',
  /** 若干政策措施: support measures, usually numbered articles. */
  'measures',
  /** 办法, 细则, 规定, 条例: rules in numbered articles (第一条). */
  'rules',
  'notice',
  'other',
])
export type DocumentKind = z.infer<typeof DocumentKind>

/** A numbering style. The hierarchy of a document is built from the order these appear in. */
export const LabelStyle = z.enum([
  /** 第一部分 第一篇 */
  'part',
  /** 第一章 */
  'chapter',
  /** 第一节 */
  'section',
  /** 第一条 */
  'article',
  /** 一、 */
  'cn-dun',
  /** (一) （一） */
  'cn-paren',
  /** 1、 */
  'num-dun',
  /** 1. 1． */
  'num-dot',
  /** (1) （1） */
  'num-paren',
  /** ① */
  'circled',
  /** 1.1 (the second level of decimal numbering) */
  'decimal-2',
  /** 1.1.1 (the third level) */
  'decimal-3',
  /** 重点工程1: 专栏1 */
  'key-project',
  /** 表1 */
  'table',
  /** A part heading printed without a number (2023年工作回顾 alone on its line), from a layout. */
  'heading',
  /** 附件 附件2 附表1: an annex after the body. */
  'annex',
])
export type LabelStyle = z.infer<typeof LabelStyle>

/**
 * Which part of a plan a section or item is in: a review of the past (工作回顾, 过去一年, "十四五"时期回顾,
 * 发展基础), the goals (总体要求, 主要预期目标, 发展目标) or the tasks (重点工作, 主要任务, 工作安排); null
 * where the document names no such part (a 工作要点 that is all tasks names none). Figures in a review are
 * results achieved, not targets.
 */
export const PartRole = z.enum(['review', 'goals', 'tasks']).nullable()
export type PartRole = z.infer<typeof PartRole>

/** A message about a messy document: never thrown, always returned with the record. */
export const PlanWarning = z.object({
  /** Stable literal code, e.g. 'missing-heading', 'duplicate-paragraph', 'missing-label'. */
  code: z.string(),
  /** What happened, in plain words. */
  message: z.string(),
  /** Where, when it has a place. */
  span: Span.optional(),
})
export type PlanWarning = z.infer<typeof PlanWarning>

/** Kinds of region. Together the regions of a document cover its whole sourceText exactly once. */
export const RegionKind = z.enum([
  /** Text of a plan item (see `ref`). */
  'item',
  /** A section heading, a document title line. */
  'heading',
  /** Text before the plan proper: news summary, notice, the plan's own introduction, section intros. */
  'preamble',
  /**
   * A speech's formula, the thanks (我谨代表…向…表示衷心感谢), the attribution of the year's results
   * (根本在于…领航掌舵) or the closing exhortation (让我们更加紧密地
   * 团结在…周围，…新篇章！): no goal, and every report says it alike.
   */
  'formula',
  /** Web-page chrome, signatures, dates, source lines. */
  'boilerplate',
  /** A paragraph or sentence repeated by the scraper; its first copy is kept elsewhere. */
  'duplicate',
  /** Cells of a flattened table. */
  'table',
  /** A table of contents. */
  'toc',
  /** Anything else (blank lines between paragraphs, stray characters). */
  'other',
])
export type RegionKind = z.infer<typeof RegionKind>

export const Region = z.object({
  kind: RegionKind,
  span: Span,
  /** The item or section this region belongs to, when it has one. */
  ref: z.string().optional(),
  /** Why the region has this kind (e.g. which boilerplate rule). */
  note: z.string().optional(),
})
export type Region = z.infer<typeof Region>

/** A heading in the document's hierarchy. Sections form a tree through `parentId`. */
export const Section = z.object({
  /** `<docId>#<path>`. */
  id: z.string(),
  /** Dotted path of the section, e.g. `4.(一)`; inferred sections are written `[2]`. */
  path: z.string(),
  /** Label as printed (第三章, 一、, (一)), or null for an inferred section. */
  label: z.string().nullable(),
  style: LabelStyle.nullable(),
  /** Number of the label (四 -> 4), or null. */
  number: z.number().int().nullable(),
  /** Heading text without the label; '' when nothing was printed or found. */
  title: z.string(),
  /**
   * Where the title came from: printed in the body, taken from the table of contents, taken from a
   * summary that names the parts (从数字政府、数字经济…6个方面), or nowhere.
   */
  titleSource: z.enum(['printed', 'toc', 'summary', 'none']),
  /** Depth in the tree, 0 at the top. */
  depth: z.number().int().nonnegative(),
  /** True when no heading was printed and the section was inferred from a numbering restart. */
  inferred: z.boolean(),
  parentId: z.string().nullable(),
  /** Ids of child sections, in document order. */
  children: z.array(z.string()),
  /** Span of the printed heading (label and title), or an empty span where inferred. */
  span: Span,
  /** The part this section is (or is inside): the outermost section whose title names one. */
  role: PartRole,
})
export type Section = z.infer<typeof Section>

/** Who is responsible for an item: 〔牵头责任单位:…;相关责任单位:…〕. */
export const Responsible = z.object({
  /** Lead units (牵头单位); a plain 责任单位 list is all lead. */
  lead: z.array(z.string()),
  /** Related units (相关责任单位, 配合单位). */
  related: z.array(z.string()),
  /** The clause as printed. */
  text: z.string(),
  span: Span,
})
export type Responsible = z.infer<typeof Responsible>

/**
 * How a figure compares with its value. 以上/以下/以内 include the number, 超过/不满 exclude it. For a
 * change that falls the comparator is read on the signed value: 下降3%以上 is a change of at most −3%
 * (`<=`), 下降不超过3% one of at least −3% (`>=`).
 */
export const Comparator = z.enum(['>=', '>', '<=', '<', '=', 'approx', 'range'])
export type Comparator = z.infer<typeof Comparator>

/**
 * What a figure measures: `increment` a new amount in its period (a flow: 新建5G基站3200个), `level` a
 * stock or state (建成5G基站3000个, 粮食产量1.3万亿斤), `share` a proportion (城镇调查失业率5.5%), `growth` a
 * rate of change (增长5%, 居民消费价格涨幅2%). A stock and a flow are never compared as one series.
 */
export const TargetKind = z.enum(['increment', 'level', 'share', 'growth'])
export type TargetKind = z.infer<typeof TargetKind>

/**
 * Whether a figure is a goal or a fact: `planned` a target or expected value (力争, 主要预期目标, 到2025年),
 * `achieved` a result the document reports (去年, 过去五年, a work report's review of the past year),
 * `baseline` the starting value a target is measured from (基期, 由55%提高到60%: the 55%), `estimate` a
 * result not yet final (预计全年增长5%).
 */
export const TargetStatus = z.enum(['planned', 'achieved', 'baseline', 'estimate'])
export type TargetStatus = z.infer<typeof TargetStatus>

/** Which way a figure moves: 增长/提高/扩大 increase, 下降/降低/压减/减少 decrease, 控制在/保持/稳定在 hold. */
export const Direction = z.enum(['increase', 'decrease', 'hold'])
export type Direction = z.infer<typeof Direction>

/** A quantitative figure found in an item: a target, a result, a baseline or an estimate. */
export const Target = z.object({
  /** Exact source text of the figure and its phrase. */
  text: z.string(),
  /** Value as printed in its unit: 10 for 10亿条, 3 for 下降3%. For a range, its lower end. A fraction is read as the percentage it is (1/5 -> 20, unit %). */
  value: z.number(),
  /** Upper end of a range as printed (3-5个 -> 5), else null. */
  valueMax: z.number().nullable(),
  /** Unit as printed: 个, 亿条, %, 个百分点, 亿斤. */
  unit: z.string(),
  /**
   * Value in base units (10亿条 -> 1000000000), signed for a change that falls (下降3% -> −3). For a
   * range, its lower end.
   */
  normalized: z.number(),
  /** Upper end of a range in base units (signed like `normalized`), else null. */
  normalizedMax: z.number().nullable(),
  /** Base unit of `normalized`: 条, 元, %, 个百分点, 吨, B (bytes). */
  normalizedUnit: z.string(),
  comparator: Comparator,
  kind: TargetKind,
  /** Goal or fact: planned, achieved, baseline or estimate. */
  status: TargetStatus,
  /** Which way the figure moves, when the text says so (增长, 下降, 控制在), else null. */
  direction: Direction.nullable(),
  /**
   * Year the figure is due (planned) or was reached (achieved, baseline, estimate); for a figure over
   * several years (年均增长, 过去五年) the last of them. Null when unknown.
   */
  year: z.number().int().nullable(),
  /**
   * First year of the period a figure covers when it covers several (过去五年 in a 2026 report -> 2021,
   * “十四五”期间年均增长 -> 2021), else null.
   */
  yearFrom: z.number().int().nullable(),
  /**
   * Year a change is measured from: printed (比2020年下降13.5% -> 2020) or implied (增长5% in 2025 ->
   * 2024; 年均增长 over 2021-2025 -> 2020). Null for figures that are not changes.
   */
  referenceYear: z.number().int().nullable(),
  /** Short normalized name of what is measured, e.g. 5G基站, 公共数据储备量, 地区生产总值. */
  metric: z.string(),
  /** Family from the metric lexicon that groups comparable metrics, or null. */
  metricFamily: z.string().nullable(),
  span: Span,
})
export type Target = z.infer<typeof Target>

/** A row of a flattened indicator table (表1). */
export const TableRow = z.object({
  /** Label of the table, e.g. 表1. */
  table: z.string(),
  /** Row category (类型), e.g. 数字政府. */
  category: z.string().nullable(),
  /** Indicator name (指标名称). */
  indicator: z.string(),
  unit: z.string().nullable(),
  /** Base-period value as printed (2020年基期). */
  base: z.string().nullable(),
  /** Target value as printed, without the reference in brackets. */
  target: z.string().nullable(),
  /** Reference printed in brackets, e.g. 全市水平98. */
  reference: z.string().nullable(),
  /** Annual target (分年度目标). */
  annual: z.string().nullable(),
  span: Span,
})
export type TableRow = z.infer<typeof TableRow>

/** A topic of the taxonomy with its score on an item. */
export const TopicTag = z.object({
  id: z.string(),
  /** Chinese label of the topic. */
  label: z.string(),
  /** Strength in [0, 1]. */
  score: z.number(),
})
export type TopicTag = z.infer<typeof TopicTag>

/** What an item is. */
export const ItemKind = z.enum([
  /** A numbered task (1、 (一) …). */
  'task',
  /** A 重点工程 / 专栏 box. */
  'key-project',
  /** A row of an indicator table. */
  'table-row',
  /** An unnumbered paragraph of a section, with or without a lead phrase. */
  'paragraph',
])
export type ItemKind = z.infer<typeof ItemKind>

/** One plan item: a leaf of the document's hierarchy. */
export const PlanItem = z.object({
  /** Stable id `<docId>#<path>`, e.g. `fuzhou-2025#4.(一).9`. */
  id: z.string(),
  docId: z.string(),
  /** Path of the item, e.g. `4.(一).9`, `3.2.p1`. */
  path: z.string(),
  /** Label as printed (9. / （十二） / 重点工程1), or null for an unnumbered paragraph. */
  label: z.string().nullable(),
  style: LabelStyle.nullable(),
  number: z.number().int().nullable(),
  /** Lead phrase, e.g. 推进信息基础设施建设; '' when the item has none. */
  heading: z.string(),
  /** Normalized text after the label: heading and body, responsibility clause included. */
  text: z.string(),
  kind: ItemKind,
  /** Id of the enclosing section, or null at the top. */
  sectionId: z.string().nullable(),
  /** Titles of the enclosing sections, outermost first. */
  sectionPath: z.array(z.string()),
  /** Span of the whole item (label included). */
  span: Span,
  /** The pieces of source text that make up the item, when it is not one contiguous run. */
  parts: z.array(Span),
  /** Responsible units, filled by the extract stage. */
  responsible: Responsible.nullable(),
  /** Quantitative targets, filled by the extract stage. */
  targets: z.array(Target),
  /** Table row, for items of kind table-row. */
  row: TableRow.nullable(),
  /** Topics, filled by the lexicon stage. */
  topics: z.array(TopicTag),
  /** Keywords (TF-IDF against the corpus), filled by the lexicon stage. */
  keywords: z.array(z.string()),
  /** The part of the plan the item is in (its section's role): 'review' items report results achieved. */
  role: PartRole,
})
export type PlanItem = z.infer<typeof PlanItem>

/** Where a document came from. */
export const SourceInfo = z.object({
  /** Path it was read from, or null for text given directly. */
  path: z.string().nullable(),
  /** Detected or given encoding (utf-8, gb18030, big5, utf-16le …). */
  encoding: z.string(),
  /** 'html' when the text was extracted from a web page. */
  format: z.enum(['text', 'html']),
  /** True when traditional characters were converted to simplified. */
  convertedFromTraditional: z.boolean(),
})
export type SourceInfo = z.infer<typeof SourceInfo>

/** A parsed plan document. */
export const PlanDocument = z.object({
  /** Defaults to the file's base name, e.g. `fuzhou-2019`. */
  id: z.string(),
  source: SourceInfo,
  /** Title, e.g. 2019年数字福州工作要点. */
  title: z.string(),
  /** Issuing body if printed (福建省人民政府办公厅), else null. */
  issuer: z.string().nullable(),
  jurisdiction: Jurisdiction.nullable(),
  /** Year issued. */
  year: z.number().int().nullable(),
  period: Period.nullable(),
  kind: DocumentKind,
  /** Section tree (flat, linked by parentId/children), in document order. */
  sections: z.array(Section),
  /** Plan items in label order. */
  items: z.array(PlanItem),
  /** Indicator tables. */
  tables: z.array(z.object({ label: z.string(), title: z.string(), rows: z.array(TableRow), span: Span })),
  /** Regions covering the whole sourceText exactly once, in order. */
  regions: z.array(Region),
  warnings: z.array(PlanWarning),
  /** The decoded text every span points into. */
  sourceText: z.string(),
})
export type PlanDocument = z.infer<typeof PlanDocument>

/** Output of `plan-cascade parse --json`. */
export const ParseOutput = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  documents: z.array(PlanDocument),
})
export type ParseOutput = z.infer<typeof ParseOutput>

// ---------------------------------------------------------------------------------------------
// Alignment records

/** How two linked items' documents relate. */
export const Relation = z.enum([
  /** Parent jurisdiction -> child jurisdiction (province -> city -> district), same or overlapping period. */
  'cascade',
  /** Same jurisdiction, a later document. */
  'evolution',
  /** Same level, different jurisdictions. */
  'peer',
  'other',
])
export type Relation = z.infer<typeof Relation>

/** What changed along a link, in kinds a researcher can count. */
export const ChangeKind = z.enum([
  'same',
  'reworded',
  /** The later / lower item incorporates the earlier one and adds. */
  'expanded',
  'narrowed',
  'target-raised',
  'target-lowered',
  'target-added',
  'target-dropped',
])
export type ChangeKind = z.infer<typeof ChangeKind>

/** Feature values of a candidate pair, each in [0, 1]. */
export const LinkFeatures = z.object({
  /** TF-IDF cosine over lexicon tokens without stopwords. */
  tfidf: z.number(),
  /** The most similar pair of sentences, one from each item (TF-IDF cosine). */
  sentence: z.number(),
  /** Character n-gram (bigram) similarity. */
  ngram: z.number(),
  /** Heading similarity (normalized edit distance). */
  heading: z.number(),
  /** Shared topics (weighted Jaccard over topic scores, passing mentions included). */
  topics: z.number(),
  /** The topic both items are most about: the largest minimum score over their shared topics. */
  topicPeak: z.number(),
  /** The rarest term both items use: its idf over the corpus's largest idf. */
  anchor: z.number(),
  /** Shared target metric families. */
  metrics: z.number(),
  /** Shared responsible units. */
  units: z.number(),
  /** Shared specific terms: 1 - exp(-sum of (idf / largest idf)² over the shared terms). */
  specific: z.number(),
  /** Idf mass of the shared terms over that of the smaller item (a short goal inside a long paragraph). */
  coverage: z.number(),
})
export type LinkFeatures = z.infer<typeof LinkFeatures>

/** Why two items were linked. */
export const Evidence = z.object({
  /** The pair's features, rounded to four decimals as the score is. */
  features: LinkFeatures,
  /** Informative terms both items use, most informative first. */
  sharedTerms: z.array(z.string()),
  /** Topic ids both items carry. */
  sharedTopics: z.array(z.string()),
  /** Metric families both items set targets for. */
  sharedMetrics: z.array(z.string()),
  /** Responsible units both items name. */
  sharedUnits: z.array(z.string()),
  /**
   * The clause of each item where the goal is matched: the pair of clauses (split at 。；！？，： and
   * line breaks) whose terms agree most, as [start, end) offsets into each item's `text` (map them to
   * the source with `itemSourceSpan`); null when no pair of clauses shares a term. A paragraph that
   * lists several goals links to each through the clause that states it.
   */
  clauses: z
    .object({
      source: z.tuple([z.number().int(), z.number().int()]),
      target: z.tuple([z.number().int(), z.number().int()]),
    })
    .nullable(),
  /** The evidence in plain words. */
  summary: z.string(),
})
export type Evidence = z.infer<typeof Evidence>

/** How a figure changed between two items. */
export const TargetChangeKind = z.enum([
  /** Same measure and unit, larger number (a rise). */
  'increased',
  /** Same measure and unit, smaller number (a fall). */
  'decreased',
  /** Same measure and unit, same number (held). */
  'unchanged',
  /**
   * The figures measure the same metric in ways that are not one series: a stock and a flow (建成3000个
   * -> 新建3200个), a share and a growth rate, 个 and %. Paired so that the reader sees both, never compared.
   */
  'incomparable',
  /** Only the second item has a figure for this metric. */
  'added',
  /** Only the first item has a figure for this metric. */
  'dropped',
])
export type TargetChangeKind = z.infer<typeof TargetChangeKind>

/** Two figures of the same metric in two items, or a figure one of them lacks. */
export const TargetChange = z.object({
  /** What matched the figures: the metric family id, else `metric:<name>`. */
  key: z.string(),
  /** Metric family shared by the figures (or of the lone figure), or null. */
  metricFamily: z.string().nullable(),
  /** Metric name of the second figure, else of the first. */
  metric: z.string(),
  /** How the figure changed. */
  change: TargetChangeKind,
  /** The figure of the first item, or null when added. */
  from: Target.nullable(),
  /** The figure of the second item, or null when dropped. */
  to: Target.nullable(),
  /** `to.normalized - from.normalized` in their shared base unit (signed values), or null when not compared. */
  delta: z.number().nullable(),
  /** `delta / |from.normalized|` (0.0667 for +6.7%), or null when not compared or `from` is 0. */
  ratio: z.number().nullable(),
  /** Kind of the first and second figure when it changed (level -> increment), else null. */
  kindChange: z.tuple([TargetKind, TargetKind]).nullable(),
  /** The change in plain words: `3000个以上 -> 3200个 (stock -> flow, not compared)`. */
  summary: z.string(),
})
export type TargetChange = z.infer<typeof TargetChange>

/** A link between two items of different documents: they state the same goal. */
export const Link = z.object({
  /** Item id in the earlier / higher-level document. */
  source: z.string(),
  /** Item id in the later / lower-level document. */
  target: z.string(),
  /**
   * Score in [0, 1]: the fitted logistic model of the pair's features. It ranks links and is what
   * thresholds read, but it is not a probability (links scored 0.15 join one goal about half the
   * time on the labelled sets): read `probability` for that.
   */
  score: z.number(),
  /**
   * The probability that the two items state the same goal, from the score by the calibration fitted
   * on the labelled sets (data/align-weights.json; measured held out by province: links given 0.8 or
   * more were right 89-95% of the time). Ask for links at a precision with `minProbability`. Null when
   * the weights have no calibration. On the links `align` returns it is computed from the score when read.
   */
  probability: z.number().nullable(),
  relation: Relation,
  /**
   * What changed from source to target (target-raised … summarise `targetChanges` of planned figures).
   * On the links `align` returns, links with the same list share one frozen array (a million links
   * hold a hundred or so distinct lists): copy it before changing it.
   */
  changes: z.array(ChangeKind),
  /**
   * Figure by figure: which target rose, fell, held, was added or dropped, pairing figures by metric
   * family (else name), status (goals with goals, results with results) and kind. Links without a
   * figure share one frozen empty array.
   */
  targetChanges: z.array(TargetChange),
  /**
   * Why the two items were linked. On the links `align` returns it is computed from the two items when
   * it is read, not held (600,000 links at 1,000 documents held more memory in their evidence than
   * everything else): an enumerable own accessor, so JSON, spreads and `Object.keys` see a plain field
   * and two reads are equal, but each read builds a new object (`link.evidence !== link.evidence`):
   * read it once into a variable where it is used several times. Assigning it stores the value.
   */
  evidence: Evidence,
  /** 'machine' unless a decisions file confirmed it. */
  decision: z.enum(['machine', 'confirmed']),
})
export type Link = z.infer<typeof Link>

/** One goal followed across documents (levels and years). */
export const Thread = z.object({
  /**
   * `t1`, `t2` … in thread order (threads spanning more documents first): the same input gives the same
   * ids, but another corpus renumbers them, so refer to a thread across runs by its items.
   */
  id: z.string(),
  /** Label from the thread's top terms and topic. */
  label: z.string(),
  /** Main topic id, or null. */
  topic: z.string().nullable(),
  /** Top terms of the thread. */
  terms: z.array(z.string()),
  /** Member item ids, ordered by level (province first) then year. */
  items: z.array(z.string()),
  /** Document ids the thread spans. */
  documents: z.array(z.string()),
})
export type Thread = z.infer<typeof Thread>

/** New, dropped and continued goals between two documents of one jurisdiction. */
export const EvolutionPair = z.object({
  /** Earlier document id. */
  from: z.string(),
  /** Later document id. */
  to: z.string(),
  /**
   * Links between the two documents, as pairs of items that continue a goal: with many-to-many links
   * one item can continue in several pairs, so this counts pairs, not items.
   */
  continued: z.array(z.object({ from: z.string(), to: z.string(), score: z.number() })),
  /** Items of the later document linked to no item of the earlier one. */
  new: z.array(z.string()),
  /** Items of the earlier document linked to no item of the later one. */
  dropped: z.array(z.string()),
})
export type EvolutionPair = z.infer<typeof EvolutionPair>

/** Output of `plan-cascade align --json`: the parse output plus links, threads and evolution. */
export const AlignOutput = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  documents: z.array(PlanDocument),
  links: z.array(Link),
  threads: z.array(Thread),
  evolution: z.array(EvolutionPair),
})
export type AlignOutput = z.infer<typeof AlignOutput>
