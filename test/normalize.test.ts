// The normalization rules and their map back to the source: every normalized character points at the
// source character it came from, and spans that tile the normalized text tile the source.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fromSourceOffset, normalizeText, toSourceSpan } from '../src/normalize/index.js'

describe('normalizeText', () => {
  it.each([
    [
      'folds CRLF and lone CR into \\n',
      '一、总体要求\r\n（一）指导思想\r坚持稳中求进',
      '一、总体要求\n(一)指导思想\n坚持稳中求进',
    ],
    ['drops zero-width spaces and soft hyphens', '推进\u200b5G\u00ad网络建设', '推进5G网络建设'],
    [
      'turns full-width digits and brackets to ASCII, keeps ，：；？！',
      '增长６．５％左右，（二）',
      '增长6.5%左右，(二)',
    ],
    [
      'removes spaces next to Chinese, trims line ends, collapses the rest',
      '　一、推进 5G 非独立组网  \nGDP  growth\t rate',
      '一、推进5G非独立组网\nGDP growth rate',
    ],
  ])('%s', (_name, source, expected) => {
    const normalized = normalizeText(source)
    expect(normalized.text).toBe(expected)
    expect(normalized.toSource.length).toBe(expected.length + 1)
    expect(normalized.toSource[expected.length]).toBe(source.length)
  })

  it('maps every normalized character back to the source character it came from', () => {
    const source =
      '（一）推进 5G 网络建设，\r\n\r\n新建基站１０００个以上\u200b。\u3000 \t责任单位：市工信局  '
    const normalized = normalizeText(source)
    for (let i = 0; i < normalized.text.length; i++) {
      const from = normalized.toSource[i] as number
      const c = normalized.text[i] as string
      const s = source[from] as string
      // the same character, its full-width form, or the \r a line break came from
      expect(c === s || c.charCodeAt(0) === s.charCodeAt(0) - 0xfee0 || (c === '\n' && s === '\r')).toBe(true)
    }
  })

  it('keeps the map monotone and invertible on a real plan with CRLF line ends', () => {
    const source = readFileSync('seeds/fuzhou-2019.txt', 'utf8').replace(/\n/g, '\r\n')
    const normalized = normalizeText(source)
    expect(normalized.text).toBe(normalizeText(source.replace(/\r\n/g, '\n')).text)
    for (let i = 1; i <= normalized.text.length; i++) {
      expect((normalized.toSource[i] as number) > (normalized.toSource[i - 1] as number)).toBe(true)
    }
    for (const i of [0, 1, 100, 5000, normalized.text.length]) {
      expect(fromSourceOffset(normalized, normalized.toSource[i] as number)).toBe(i)
    }
    expect(toSourceSpan(normalized, [0, normalized.text.length])).toEqual([0, source.length])
  })
})
