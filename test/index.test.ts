import { describe, expect, expectTypeOf, it } from 'vitest'
import type { AlignResult, PlanDocument, PlanItem, Target } from '../src/index.js'
import * as api from '../src/index.js'

describe('the public surface', () => {
  it('exports these names, and no others', () => {
    expect(Object.keys(api).sort()).toEqual([
      'AlignOutput',
      'ChangeKind',
      'Comparator',
      'DiffBasis',
      'DiffOp',
      'DiffPart',
      'DocumentKind',
      'Evidence',
      'EvolutionPair',
      'ItemDiff',
      'ItemKind',
      'Jurisdiction',
      'LabelStyle',
      'Level',
      'Link',
      'LinkFeatures',
      'PROGRESS_STAGES',
      'ParseOutput',
      'Period',
      'PlanCascadeError',
      'PlanDocument',
      'PlanItem',
      'PlanWarning',
      'REPORT_FORMATS',
      'Region',
      'RegionKind',
      'Relation',
      'ReportOutput',
      'Responsible',
      'SCHEMA_VERSION',
      'Section',
      'SourceInfo',
      'Span',
      'TABLE_NAMES',
      'TableRow',
      'Target',
      'TargetChange',
      'TargetChangeKind',
      'TargetKind',
      'Thread',
      'TopicTag',
      'Trajectory',
      'TrajectoryPoint',
      'UnitsChange',
      'align',
      'analyze',
      'buildDiffs',
      'buildFeatures',
      'buildReport',
      'buildTrajectories',
      'compare',
      'computeKeywords',
      'createSegmenter',
      'decodeBytes',
      'diffItems',
      'diffTargets',
      'diffWords',
      'evaluateAlignment',
      'extractDocument',
      'extractResponsible',
      'extractTargets',
      'findThreads',
      'indexItems',
      'inferMetadata',
      'isNodejiebaAvailable',
      'itemSourceSpan',
      'jurisdictionColors',
      'learnStopwords',
      'listInputFiles',
      'loadCorpus',
      'loadLexicon',
      'loadMetricLexicon',
      'loadScoreWeights',
      'loadUnitAliases',
      'normalizeText',
      'pairFeatures',
      'parseChineseNumber',
      'parseDecisions',
      'parseDocument',
      'parseFlattenedTable',
      'readDocument',
      'readSource',
      'relateDocuments',
      'renderDiffHtml',
      'renderTrajectoryChart',
      'scoreFeatures',
      'scoreItems',
      'seedsDir',
      'tagDocuments',
      'tagTopics',
      'threadSteps',
      'toCsv',
      'toDot',
      'toGraphml',
      'toHtml',
      'toJson',
      'toMarkdown',
      'toParquet',
      'toTables',
      'tokenize',
      'unitsIndex',
      'writeReport',
    ])
  })

  it('types the pipeline end to end', () => {
    expectTypeOf(api.readDocument).returns.toEqualTypeOf<PlanDocument>()
    expectTypeOf(api.align).returns.toEqualTypeOf<AlignResult>()
    expectTypeOf<PlanItem['targets']>().toEqualTypeOf<Target[]>()
    expectTypeOf<Target['comparator']>().toEqualTypeOf<'>=' | '>' | '<=' | '<' | '=' | 'approx' | 'range'>()
    expectTypeOf<Target['kind']>().toEqualTypeOf<'increment' | 'level' | 'share' | 'growth' | 'baseline'>()
  })

  it('validates its records with the exported schemas', () => {
    const doc = api.parseDocument('一、总体要求\n1.加快推进5G基站建设,新建5G基站100个以上。\n', {
      id: 'tiny',
    })
    expect(api.PlanDocument.safeParse(doc).success).toBe(true)
    expect(api.SCHEMA_VERSION).toBe(1)
  })
})
