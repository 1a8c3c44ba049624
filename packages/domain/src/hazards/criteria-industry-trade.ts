import type { CriterionItem } from './criteria';

/**
 * 工贸企业重大事故隐患判定标准 (应急管理部令第10号, in force 2023-05-15, repeals 安监总管四〔2017〕129号;
 * domain-facts §4.2 [V] for structure and dates).
 *
 * - Art. 3 general items [S] and the Art. 14 catch-all: full items.
 * - Arts. 4–10 (冶金、有色、建材、机械、轻工、纺织、烟草): the 2023 item texts are not in our facts [GAP];
 *   each article is one category-level item flagged `textPending`. The repealed 2017 lists are NOT used.
 * - Arts. 11–13 (粉尘涉爆、液氨制冷、有限空间): items paraphrased from the 2017 predecessor [M for the
 *   2023 wording; the 2023 articles may add items], so `article` names the article without an item number.
 * There is no separate commerce article: commerce falls under Arts. 3 and 11–13.
 */
export const IT_DOCUMENT = '工贸企业重大事故隐患判定标准';
export const IT_DOCUMENT_NO = '应急管理部令第10号';
export const IT_EFFECTIVE_FROM = '2023-05-15';

interface Row {
  code: string;
  group: string;
  name: string;
  description: string;
  article: string;
  textPending?: true;
}

const GENERAL: Row[] = [
  {
    code: 'IT-G-01',
    group: '通用',
    name: '未统一协调管理承包承租单位',
    description: '未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查。',
    article: '第三条第（一）项',
  },
  {
    code: 'IT-G-02',
    group: '通用',
    name: '特种作业人员未培训取证上岗',
    description: '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业。',
    article: '第三条第（二）项',
  },
  {
    code: 'IT-G-03',
    group: '通用',
    name: '金属冶炼企业负责人未考核合格',
    description: '金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格。',
    article: '第三条第（三）项',
  },
  {
    code: 'IT-G-04',
    group: '通用',
    name: '监控报警防护设施失效',
    description:
      '本标准所列情形中直接关系生产安全的监控、报警、防护等设施、设备、装置失效或者无效的，判定为重大事故隐患。',
    article: '第十四条',
  },
];

/** Arts. 4–10: sector articles whose items are not in our facts [GAP]. */
const SECTOR_ARTICLES: Array<[string, string, string]> = [
  ['MET', '冶金', '第四条'],
  ['NFM', '有色', '第五条'],
  ['BM', '建材', '第六条'],
  ['MACH', '机械', '第七条'],
  ['LI', '轻工', '第八条'],
  ['TEX', '纺织', '第九条'],
  ['TOB', '烟草', '第十条'],
];

const SECTOR_ROWS: Row[] = SECTOR_ARTICLES.map(([token, group, article]) => ({
  code: `IT-${token}-01`,
  group,
  name: `${group}企业重大事故隐患（${article}）`,
  description: `${article}所列${group}企业重大事故隐患情形。条目待依据正式文本补充。`,
  article,
  textPending: true,
}));

// [M] Paraphrases of the 2017 predecessor items; confirm each against the 2023 text.
const DUST: Array<[string, string]> = [
  [
    '粉尘爆炸危险场所设在非框架结构多层建筑内或与人员聚集场所混设',
    '粉尘爆炸危险场所设置在非框架结构的多层建构筑物内，或者其内设有员工宿舍、会议室、办公室等人员聚集场所。',
  ],
  [
    '除尘系统混用或跨建筑、跨防火分区互联',
    '不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质共用一套除尘系统，或者不同建构筑物、不同防火分区的除尘系统互联互通。',
  ],
  ['干式除尘器未采取防爆措施', '干式除尘器未采取泄爆、惰化、抑爆等任一种控爆措施。'],
  [
    '正压输送未控制点燃源',
    '除尘系统采用正压吹送粉尘且未采取可靠的防范点燃源措施；铝镁等金属粉尘采用正压方式收集。',
  ],
  [
    '采用重力沉降室或干式巷道式构筑物除尘',
    '除尘系统采用粉尘沉降室除尘，或者采用干式巷道式构筑物作为除尘风道。',
  ],
  ['铝镁、木质粉尘干式除尘器未设锁气卸灰装置', '铝镁等金属粉尘及木质粉尘的干式除尘器未设置锁气卸灰装置。'],
  ['20区未使用防爆电气', '粉尘爆炸危险场所的20区未使用防爆电气设备设施。'],
  [
    '研磨前未除杂或砂光风管无火花探测',
    '粉碎、研磨等工艺设备前未设置去除铁、石等异物的装置，或者与砂光机连接的风管未设置火花探测报警装置。',
  ],
  ['遇湿自燃金属粉尘未防氢气积聚', '遇湿自燃金属粉尘的收集、堆放、储存场所未采取防止氢气积聚的措施。'],
  ['未落实粉尘清理制度', '未建立粉尘清理制度，作业现场积尘严重。'],
];

// 2017 wording [V]; the 2023 article may add items [GAP].
const AMMONIA: Array<[string, string]> = [
  [
    '包装、分割、产品整理场所采用氨直接蒸发制冷空调',
    '包装间、分割间、产品整理间等生产场所的空调系统采用氨直接蒸发制冷。',
  ],
  [
    '快速冻结装置未单独设间或作业人员超过9人',
    '快速冻结装置未设置在单独的作业间内，或者快速冻结装置作业间内作业人员数量超过9人。',
  ],
];

// 2017 wording [V] paraphrased; the 2023 article text [M].
const CONFINED: Array<[string, string]> = [
  [
    '有限空间未辨识、无台账、无警示标志',
    '未对有限空间作业场所进行辨识并设置明显安全警示标志，或者未建立有限空间管理台账。',
  ],
  [
    '有限空间作业未审批或未落实先通风再检测后作业',
    '未落实有限空间作业审批，或者未执行“先通风、再检测、后作业”要求，或者作业现场未设置监护人员。',
  ],
];

function numbered(token: string, group: string, article: string, rows: Array<[string, string]>): Row[] {
  return rows.map(([name, description], i) => ({
    code: `IT-${token}-${String(i + 1).padStart(2, '0')}`,
    group,
    name,
    description,
    article,
  }));
}

const ROWS: Row[] = [
  ...GENERAL,
  ...SECTOR_ROWS,
  ...numbered('DUST', '粉尘涉爆', '第十一条', DUST),
  ...numbered('NH3', '液氨制冷', '第十二条', AMMONIA),
  ...numbered('CS', '有限空间', '第十三条', CONFINED),
];

export const INDUSTRY_TRADE_ITEMS: CriterionItem[] = ROWS.map((r) => ({
  code: r.code,
  sector: 'industry_trade',
  version: '2023',
  name: r.name,
  description: r.description,
  source: IT_DOCUMENT,
  article: r.article,
  effectiveFrom: IT_EFFECTIVE_FROM,
  effectiveTo: null,
  group: r.group,
  ...(r.textPending ? { textPending: true } : {}),
}));
