/**
 * The README as test/readme.test.ts reads it: its sections, the TypeScript blocks under each heading,
 * the first cells of its tables, and the names the package exports (read from src/index.ts by the
 * TypeScript compiler, so that type-only exports count too).
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import MarkdownIt from 'markdown-it'
import ts from 'typescript'
import { run } from './examples.js'

/** A fenced code block of the README. */
export interface CodeBlock {
  /** First word of the info string: `ts`, `sh`, `json` … */
  lang: string
  /** The info string says `partial`: a fragment, not run. */
  partial: boolean
  code: string
  /** 1-based line of the opening fence. */
  line: number
}

/** A heading of the README with what follows it up to the next heading. */
export interface Section {
  /** 2 for `##`, 3 for `###` … */
  level: number
  /** The heading's text as written (code spans keep their backquotes). */
  title: string
  /** 1-based line of the heading. */
  line: number
  blocks: CodeBlock[]
  /** The first cell of every body row of its tables, as written. */
  tableKeys: string[]
}

const TYPESCRIPT = new Set(['ts', 'typescript'])

/** The TypeScript blocks that are whole programs (not marked `partial`). */
export function isRunnable(block: CodeBlock): boolean {
  return TYPESCRIPT.has(block.lang) && !block.partial
}

/** The README's sections in order (the text before the first heading is not a section). */
export function readSections(markdown: string): Section[] {
  const tokens = new MarkdownIt().parse(markdown, {})
  const sections: Section[] = []
  let current: Section | null = null
  let rowStart = false
  for (const [k, token] of tokens.entries()) {
    if (token.type === 'heading_open') {
      current = {
        level: Number(token.tag.slice(1)),
        title: tokens[k + 1]?.content ?? '',
        line: (token.map?.[0] ?? 0) + 1,
        blocks: [],
        tableKeys: [],
      }
      sections.push(current)
    } else if (token.type === 'fence' && current) {
      const [lang = '', ...flags] = token.info.trim().split(/\s+/)
      current.blocks.push({
        lang,
        partial: flags.includes('partial'),
        code: token.content,
        line: (token.map?.[0] ?? 0) + 1,
      })
    } else if (token.type === 'tr_open') {
      rowStart = true
    } else if (token.type === 'td_open' && rowStart && current) {
      rowStart = false
      current.tableKeys.push(tokens[k + 1]?.content ?? '')
    } else if (token.type === 'th_open') {
      rowStart = false
    }
  }
  return sections
}

/** The sections under a `##` heading (itself included), up to the next `##`. */
export function sectionsOf(sections: readonly Section[], title: string): Section[] {
  const start = sections.findIndex((s) => s.level === 2 && s.title === title)
  if (start < 0) return []
  const end = sections.findIndex((s, k) => k > start && s.level <= 2)
  return sections.slice(start, end < 0 ? undefined : end)
}

/** The name a heading or a table cell documents: the identifier its first code span starts with. */
export function documentedName(text: string): string | null {
  return /^`(?:new |await )?([A-Za-z_$][\w$]*)/.exec(text.trim())?.[1] ?? null
}

/**
 * Every name src/index.ts exports, types included, sorted. (Which of them are runtime values, the
 * module itself says: `Object.keys(await import(...))`.)
 */
export function exportedNames(entry = 'src/index.ts'): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    resolveJsonModule: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  })
  const checker = program.getTypeChecker()
  const file = program.getSourceFile(entry)
  const module = file && checker.getSymbolAtLocation(file)
  if (!module) throw new Error(`cannot read the exports of ${entry}`)
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort()
}

/** The lines a block promises to print: its `// → …` comments, in order. */
export function expectedOutput(code: string): string[] {
  return code.split('\n').flatMap((line) => {
    const match = /(?:^|\s)\/\/ → (.*)$/.exec(line)
    return match ? [(match[1] as string).trimEnd()] : []
  })
}

/** What running one block gave. */
export interface BlockResult {
  stdout: string
  stderr: string
}

const MARK = '\u0000readme-block '

/**
 * Runs the blocks one after the other in one tsx process (cheaper than a process each), in a fresh
 * folder inside the repository, so that tsconfig.json maps 'plan-cascade' to src/, with `seeds/` and
 * `schema/` linked in, so that the examples read them and write `out/` there, as in a checkout.
 * A block that throws is reported in its stderr and the next one runs.
 */
export async function runBlocks(blocks: readonly string[], dir: string): Promise<BlockResult[]> {
  const runner = [
    `const blocks = ${JSON.stringify(blocks.map((_, k) => `./${blockFile(k)}`))}`,
    'for (const [k, file] of blocks.entries()) {',
    `  process.stdout.write(${JSON.stringify(MARK)} + k + '\\n')`,
    `  process.stderr.write(${JSON.stringify(MARK)} + k + '\\n')`,
    '  try {',
    '    await import(file)',
    '  } catch (error) {',
    "    process.stderr.write('threw: ' + String((error as Error)?.stack ?? error) + '\\n')",
    '  }',
    '}',
    '',
  ].join('\n')
  writeFileSync(join(dir, 'run-blocks.ts'), runner)
  const result = await run(['--import', 'tsx', 'run-blocks.ts'], dir)
  const split = (text: string) => {
    const out = blocks.map(() => '')
    for (const part of text.split(MARK).slice(1)) {
      const newline = part.indexOf('\n')
      out[Number(part.slice(0, newline))] = part.slice(newline + 1)
    }
    return out
  }
  const stdout = split(result.stdout)
  const stderr = split(result.stderr)
  // what was printed before the first block (tsx failing to start) belongs to every block
  const before = result.stderr.split(MARK)[0] ?? ''
  return blocks.map((_, k) => ({ stdout: stdout[k] ?? '', stderr: before + (stderr[k] ?? '') }))
}

/**
 * Type-checks the blocks with the project's compiler options (strict), each as a module of its own.
 * Returns tsc's messages per block.
 */
export async function typecheckBlocks(blocks: readonly string[], dir: string): Promise<string[]> {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: resolve('tsconfig.json'), include: ['block-*.ts'] }, null, 2),
  )
  const tsc = resolve('node_modules/typescript/bin/tsc')
  const result = await run([tsc, '-p', 'tsconfig.json', '--pretty', 'false'], dir)
  const messages = blocks.map(() => '')
  const unplaced: string[] = []
  for (const line of result.stdout.split('\n')) {
    if (line.trim() === '') continue
    const match = /^block-(\d+)\.ts\(/.exec(line)
    if (match) messages[Number(match[1])] += `${line}\n`
    else unplaced.push(line)
  }
  // a message outside the blocks (a broken config) fails every block
  return unplaced.length > 0 ? messages.map((m) => `${unplaced.join('\n')}\n${m}`) : messages
}

/**
 * Points the places of a message at the README: `block-03.ts(4,7)` (tsc) and `…/block-03.ts:4:7` (a
 * stack trace) become `README.md:<line>:<column>`, given the fence line of each block.
 */
export function placeInReadme(text: string, fenceLines: readonly number[]): string {
  const at = (k: string, line: string, column: string) =>
    `README.md:${(fenceLines[Number(k)] ?? 0) + Number(line)}:${column}`
  return text
    .replace(/block-(\d+)\.ts\((\d+),(\d+)\)/g, (_, k, line, column) => at(k, line, column))
    .replace(/[^\s(]*block-(\d+)\.ts:(\d+):(\d+)/g, (_, k, line, column) => at(k, line, column))
}

/** The file a block is written to. */
export function blockFile(k: number): string {
  return `block-${String(k).padStart(2, '0')}.ts`
}

/** A fresh folder for the blocks inside the repository (test-output/ is ignored by git). */
export function blocksFolder(blocks: readonly string[]): string {
  mkdirSync('test-output', { recursive: true })
  const dir = resolve('test-output', `readme-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir)
  for (const folder of ['seeds', 'schema']) symlinkSync(resolve(folder), join(dir, folder))
  blocks.forEach((code, k) => {
    writeFileSync(join(dir, blockFile(k)), code)
  })
  return dir
}
