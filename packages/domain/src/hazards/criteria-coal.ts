import type { CriterionItem } from './criteria';
import { chineseNumeral } from './criteria-chemicals';

/**
 * 煤矿重大事故隐患判定标准 in its two versions (domain-facts §4.3), switched by effective date.
 *
 * - 2020: 应急管理部令第4号, published 2020-11-20 [V]; 15 categories [M] (consistent with a public seed).
 *   In force from 2021-01-01 [M: date not in our facts] until 2026-06-30.
 * - 2026: 应急管理部令第21号, adopted 2026-05-24, in force 2026-07-01 [V]; 17 categories [V].
 *
 * Our facts give the category names and summaries, and for the 2026 text the numeric triggers of
 * categories 1 and 2, but not the sub-situations (具体情形) listed under each category: every item is
 * therefore category-level and flagged `textPending` (条目待依据正式文本补充). No situation is invented.
 * `article` points at the listing article (第二条 enumerates the categories in the 2020 order) [M for
 * the 2026 order's numbering: confirm against 应急管理部令第21号].
 */
export const COAL_DOCUMENT = '煤矿重大事故隐患判定标准';
export const COAL_2020_FROM = '2021-01-01';
export const COAL_2020_TO = '2026-06-30';
export const COAL_2026_FROM = '2026-07-01';

const COAL_2020_ROWS: Array<[string, string]> = [
  ['超能力、超强度或者超定员组织生产', '超能力、超强度或者超定员组织生产。'],
  ['瓦斯超限作业', '瓦斯超限作业。'],
  ['突出矿井未实施防突出措施', '煤与瓦斯突出矿井，未依照规定实施防突出措施。'],
  [
    '高瓦斯矿井抽采和监控系统缺失或不能正常运行',
    '高瓦斯矿井未建立瓦斯抽采系统和监控系统，或者系统不能正常运行。',
  ],
  ['通风系统不完善、不可靠', '通风系统不完善、不可靠。'],
  ['严重水患', '有严重水患，未采取有效措施。'],
  ['超层越界开采', '超层越界开采。'],
  ['冲击地压', '有冲击地压危险，未采取有效措施。'],
  ['自然发火严重', '自然发火严重，未采取有效措施。'],
  ['使用明令禁止或淘汰的设备、工艺', '使用明令禁止使用或者淘汰的设备、工艺。'],
  ['无双回路供电系统', '煤矿没有双回路供电系统。'],
  [
    '边建设边生产',
    '新建煤矿边建设边生产；改扩建期间在改扩建区域生产，或者在其他区域的生产超出安全设施设计规定的范围和规模。',
  ],
  [
    '整体承包后违规生产、转包或劳务承包',
    '实行整体承包生产经营后，未重新取得或者及时变更安全生产许可证而从事生产，或者承包方再次转包，或者将井下采掘工作面和井巷维修作业进行劳务承包。',
  ],
  [
    '改制期间责任不明或证照未变更',
    '改制期间未明确安全生产责任人和安全管理机构，或者完成改制后未重新取得或者变更采矿许可证、安全生产许可证和营业执照。',
  ],
  ['其他重大事故隐患', '有其他重大事故隐患。'],
];

const COAL_2026_ROWS: Array<[string, string]> = [
  [
    '超能力、超强度、超定员',
    '超能力、超强度或者超定员组织生产。其中包括：全年原煤产量超过核定（设计）生产能力的110%，或者季度原煤产量超过核定（设计）生产能力的30%；同时生产的水平超过2个；井下作业地点单班作业人数超出国家规定限员标准20%。',
  ],
  [
    '瓦斯超限作业',
    '瓦斯超限作业。其中包括：采区或者采掘工作面回风巷甲烷浓度≥1.0%或者二氧化碳浓度≥1.5%仍未停止作业；工作面甲烷浓度≥1.0%仍未停止电气作业；爆破地点20米内甲烷浓度≥1.0%仍进行爆破；工作面或者电动机、开关附近20米内甲烷浓度≥1.5%未停工断电；体积超过0.5立方米的空间内积聚甲烷浓度≥2.0%未停止其附近20米内作业；因瓦斯管控不到位导致工作面甲烷浓度≥3.0%持续超过10分钟（停电停风、钻孔喷孔等情形除外）。',
  ],
  ['突出矿井未落实防突措施', '煤与瓦斯突出矿井未依照规定落实防突出措施。'],
  [
    '瓦斯抽采系统未建或不能正常运行',
    '突出矿井或者高瓦斯矿井未建立瓦斯抽采系统，或者系统不能正常运行（抽采达标指标以正式文本的解吸瓦斯量和抽采率表为准）。',
  ],
  ['通风系统不完善、不可靠', '通风系统不完善、不可靠。'],
  ['超层越界开采', '超层越界开采。'],
  ['严重水患', '有严重水患，未采取有效措施。'],
  ['冲击地压', '有冲击地压危险，未采取有效措施。'],
  ['自然发火严重', '自然发火严重，未采取有效措施。'],
  ['使用应淘汰的设备、工艺', '使用应当淘汰的设备、工艺。'],
  ['监控与通讯系统缺失或不能正常运行', '安全监控、通信等系统缺失或者不能正常运行。'],
  ['露天边坡', '露天煤矿边坡角大于设计最大值，或者边坡发生严重变形。'],
  ['无双回路供电', '煤矿没有双回路供电系统。'],
  ['边建设边生产', '新建煤矿边建设边生产，或者改扩建期间生产超出安全设施设计规定的范围。'],
  [
    '整体承包后违规生产、转包或外包',
    '实行整体承包后未重新取得或者变更安全生产许可证，承包方再次转包，或者将井下采掘工作面、井巷作业外包。',
  ],
  [
    '改制、合并、分立期间责任不明或证照未变更',
    '改制、合并、分立期间未明确安全生产责任人和安全管理机构，或者未重新取得或者变更相关许可证照。',
  ],
  ['其他重大事故隐患', '有其他重大事故隐患。'],
];

function build(
  version: '2020' | '2026',
  rows: Array<[string, string]>,
  from: string,
  to: string | null,
): CriterionItem[] {
  return rows.map(([name, description], i) => ({
    code: `CM${version}-${String(i + 1).padStart(2, '0')}`,
    sector: 'coal_mine',
    version,
    name,
    description,
    source: COAL_DOCUMENT,
    article: `第二条第（${chineseNumeral(i + 1)}）项`,
    effectiveFrom: from,
    effectiveTo: to,
    textPending: true,
  }));
}

export const COAL_2020_ITEMS = build('2020', COAL_2020_ROWS, COAL_2020_FROM, COAL_2020_TO);
export const COAL_2026_ITEMS = build('2026', COAL_2026_ROWS, COAL_2026_FROM, null);
