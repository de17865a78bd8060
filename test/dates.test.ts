import { describe, expect, it } from 'vitest'
import { arabicDates, chineseSmallNumber, chineseYear } from '../src/parse/dates.js'

describe('dates in Chinese numerals', () => {
  it.each<[string, number | null]>([
    ['二〇二六', 2026],
    ['二○二四', 2024],
    ['一九九八', 1998],
    ['二零二五', 2025],
    ['二〇二', null],
    ['二十二五', null],
  ])('chineseYear(%j) = %j', (digits, year) => {
    expect(chineseYear(digits)).toBe(year)
  })

  it.each<[string, number | null]>([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十七', 27],
    ['三十一', 31],
    ['二三', null],
    ['', null],
  ])('chineseSmallNumber(%j) = %j', (text, value) => {
    expect(chineseSmallNumber(text)).toBe(value)
  })

  it.each<[string, string]>([
    // the speaker line of 2026年甘肃省政府工作报告
    [
      '——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上',
      '——2026年1月27日在甘肃省十四届人民代表大会第四次会议上',
    ],
    ['山东省人民政府\n二〇二四年三月', '山东省人民政府\n2024年3月'],
    // a target year, not a date: left as printed (2026年广东省政府工作报告)
    ['到二〇三五年基本建成高质量发展', '到二〇三五年基本建成高质量发展'],
    ['二〇二四年十三月', '二〇二四年十三月'],
  ])('arabicDates(%j)', (text, expected) => {
    expect(arabicDates(text)).toBe(expected)
  })
})
