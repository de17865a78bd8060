import { describe, expect, it } from 'vitest'
import { createColors, displayWidth, fitWidth, formatTable, plural } from '../src/cli/format.js'
import { nearestIds } from '../src/cli/program.js'

describe('CLI text', () => {
  it('counts a hanzi and a full-width form as two columns, Latin as one', () => {
    expect(displayWidth('福州市')).toBe(6)
    expect(displayWidth('5G基站')).toBe(6)
    expect(displayWidth('（一）')).toBe(6)
    expect(displayWidth('\u001b[31m红\u001b[39m')).toBe(2)
  })

  it('cuts to a width without splitting a character, and aligns tables by columns', () => {
    expect(fitWidth('2019年数字福州工作要点', 10)).toBe('2019年数…')
    expect(displayWidth(fitWidth('2019年数字福州工作要点', 10))).toBeLessThanOrEqual(10)
    const table = formatTable(
      ['id', 'title'],
      [
        ['a', '数字福州'],
        ['bb', 'x'],
      ],
    ).split('\n')
    expect(table.map(displayWidth)).toEqual([9, 12, 12, 5])
  })

  it('says 1 pair and 2 pairs', () => {
    expect(plural(1, 'evolution pair')).toBe('1 evolution pair')
    expect(plural(2, 'evolution pair')).toBe('2 evolution pairs')
    expect(plural(0, 'thread')).toBe('0 threads')
  })

  it('colours with ANSI styles on a terminal and marks changes in a pipe', () => {
    const on = createColors(true)
    expect(on.removed('旧')).toBe('\u001b[31m\u001b[9m旧\u001b[29m\u001b[39m')
    expect(on.bold('x')).toBe('\u001b[1mx\u001b[22m')
    const off = createColors(false)
    expect(off.removed('旧') + off.added('新')).toBe('[-旧-]{+新+}')
    expect(off.red('x')).toBe('x')
  })

  it('suggests the nearest item ids for a mistyped one', () => {
    const ids = [
      'fuzhou-2019#2.3',
      'fuzhou-2019#2.4',
      'fuzhou-2019#3.12',
      'fuzhou-2025#2.3',
      'xiamen-2022#[5].1',
    ]
    expect(nearestIds('fuzhou-2019#2.30', ids)[0]).toBe('fuzhou-2019#2.3')
    expect(nearestIds('fuzhou-2091#2.3', ids)[0]).toBe('fuzhou-2019#2.3')
    expect(nearestIds('fuzhou-2019#3.2', ids)).not.toContain('fuzhou-2025#2.3')
    expect(nearestIds('quantum', ids)).toEqual([])
  })
})
