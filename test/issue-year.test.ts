// The year of issue of a text that prints no date: what its citations (文号) and its effective date allow.
// Snippets are cut from real policies of ../shared/corpus (青岛 2023, 中山 2020).
import { describe, expect, it } from 'vitest'
import {
  effectiveDate,
  estimateIssueYear,
  issueYearWindow,
  latestCitedYear,
} from '../src/parse/issue-year.js'

// 青岛 工业互联网 measures (issued 2023-11-28): they cite two documents of 2023 and take effect on 1 January 2024
const qingdaoMeasures = [
  '为打造国内领先的工业互联网平台体系，推进工业互联网规模化应用和高质量发展，根据《青岛市先进制造业强市行动计划（2023—2025年）》（青发〔2023〕9号）和《关于加快数字经济高质量发展的实施方案》（青财经委发〔2023〕3号）等文件要求，制定以下政策措施。',
  '同一主体同一项目获得同类评选奖励的，按照“就高不重复"原则执行。本措施自2024年1月1日起实施，有效期至2026年12月31日。',
].join('\n')

// 青岛 人工智能产业园 rules (issued 2023): they cite their parent of 2023 and take effect on 22 February 2023
const qingdaoRules = [
  '第一条 为加快青岛市人工智能产业园建设，根据《青岛市人民政府办公厅关于印发青岛市人工智能产业园发展若干政策的通知》（青政办字〔2023〕13号），制定本实施细则。',
  '第二十八条 本细则为《青岛市人民政府办公厅关于印发青岛市人工智能产业园发展若干政策的通知》（青政办字〔2023〕13号）的配套文件，自2023年2月22日施行，有效期至2026年2月21日。',
].join('\n')

describe('what a text tells of its year of issue', () => {
  it.each([
    ['（青发〔2023〕9号）和（青财经委发〔2023〕3号）', 2023],
    ['《中山市政务信息资源共享管理办法（试行）》（中府办〔2012〕92号）同时废止', 2012],
    ['国务院关于印发“十四五”数字经济发展规划的通知 国发[2021]29号', 2021],
    // a font that garbled the digits (青岛, 2022): no year
    ['山东省省级数字经济园区建设奖补实施细则>的通知》（鲁工信数据〔5355〕82号）', null],
    ['到2025年，建成100个示范项目', null],
  ])('reads the latest year a text cites by number in %s', (text, year) => {
    expect(latestCitedYear(text)).toBe(year)
  })

  it('tells a start on 1 January, which texts of the year before set too, from any other date', () => {
    expect(effectiveDate(qingdaoMeasures)).toEqual({ year: 2024, newYear: true })
    expect(effectiveDate(qingdaoRules)).toEqual({ year: 2023, newYear: false })
    expect(effectiveDate('本办法自2020年6月15日起施行')).toEqual({ year: 2020, newYear: false })
    expect(effectiveDate('市工业和信息化局自2024年起，每年公开发布项目申报指南')).toEqual({
      year: 2024,
      newYear: false,
    })
  })

  it('gives no year when what it cites and when it takes effect leave two years open, and says which', () => {
    expect(issueYearWindow(qingdaoMeasures)).toMatchObject({ from: 2023, to: 2024 })
    const estimate = estimateIssueYear(qingdaoMeasures, null, null)
    expect(estimate.year).toBeNull()
    expect(estimate.reason).toContain('2023–2024')
  })

  it('takes the year it takes effect when that is any day but 1 January', () => {
    expect(estimateIssueYear(qingdaoRules, null, null)).toMatchObject({ year: 2023 })
  })

  it('moves the first year of a period into the window its citations open', () => {
    // a plan for 2021—2023 that cites a document of 2023 was issued in 2023 at the earliest
    const estimate = estimateIssueYear(qingdaoMeasures, 2021, null)
    expect(estimate.year).toBe(2023)
    expect(estimate.reason).toContain('it cites a document of 2023')
  })

  it('gives no estimate for a text that neither cites by number nor takes effect on a date', () => {
    expect(estimateIssueYear('一、总体要求\n以习近平新时代中国特色社会主义思想为指导。', null, null)).toEqual(
      {
        year: null,
        reason: null,
      },
    )
  })
})
