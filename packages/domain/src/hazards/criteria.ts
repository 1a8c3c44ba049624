import { shanghaiDay } from './calendar';
import {
  DOCUMENT_NO_2017_121,
  EFFECTIVE_2017_121,
  FIREWORKS_ITEMS,
  FW_DOCUMENT,
  HAZARDOUS_CHEMICALS_ITEMS,
  HC_DOCUMENT,
} from './criteria-chemicals';
import {
  COAL_2020_FROM,
  COAL_2020_ITEMS,
  COAL_2020_TO,
  COAL_2026_FROM,
  COAL_2026_ITEMS,
  COAL_DOCUMENT,
} from './criteria-coal';
import {
  INDUSTRY_TRADE_ITEMS,
  IT_DOCUMENT,
  IT_DOCUMENT_NO,
  IT_EFFECTIVE_FROM,
} from './criteria-industry-trade';

/**
 * 重大事故隐患判定标准库: the national criteria a major hazard is judged against (domain-facts §4). This is
 * the shipped baseline; city administrators add and version items in the database on top of it.
 *
 * Sector `status`: 'complete' means the item list is loaded (single items may still be category-level,
 * flagged `textPending`); 'pending_text' means our facts lack the item list, so the sector carries its
 * document and structure but no items (条目待依据正式文本补充), never invented ones.
 */
export const CRITERIA_SECTOR_CODES = [
  'hazardous_chemicals',
  'fireworks',
  'coal_mine',
  'industry_trade',
  'metal_nonmetal_mine',
  'fire',
] as const;
export type CriterionSectorCode = (typeof CRITERIA_SECTOR_CODES)[number];

export interface CriterionVersion {
  version: string;
  documentNo?: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface CriterionSector {
  code: CriterionSectorCode;
  name: string;
  nameEn: string;
  /** Title of the source document. */
  document: string;
  documentNo?: string;
  status: 'complete' | 'pending_text';
  /** Versions by effective date (Asia/Shanghai calendar days, both ends inclusive). */
  versions: CriterionVersion[];
  /** Parts or chapters of the document, shown while the item texts are pending. */
  structure?: string[];
}

export interface CriterionItem {
  code: string;
  sector: CriterionSectorCode;
  version: string;
  /** Short Chinese name. */
  name: string;
  /** Chinese description: a paraphrase, not a quotation; the official text governs. */
  description: string;
  /** Source document title. */
  source: string;
  /** Article and item, e.g. '第四条第（一）项'. */
  article: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Sub-group inside a sector, e.g. 工贸 '冶金', '粉尘涉爆'. */
  group?: string;
  /** Only the category is known; the item text is 条目待依据正式文本补充. */
  textPending?: boolean;
}

export const CRITERIA_PENDING_TEXT_LABEL = '条目待依据正式文本补充';

export const CRITERIA_SECTORS: readonly CriterionSector[] = [
  {
    code: 'hazardous_chemicals',
    name: '化工和危险化学品',
    nameEn: 'Chemicals and hazardous chemicals',
    document: HC_DOCUMENT,
    documentNo: DOCUMENT_NO_2017_121,
    status: 'complete',
    versions: [
      {
        version: '2017',
        documentNo: DOCUMENT_NO_2017_121,
        effectiveFrom: EFFECTIVE_2017_121,
        effectiveTo: null,
      },
    ],
  },
  {
    code: 'fireworks',
    name: '烟花爆竹',
    nameEn: 'Fireworks',
    document: FW_DOCUMENT,
    documentNo: DOCUMENT_NO_2017_121,
    status: 'complete',
    versions: [
      {
        version: '2017',
        documentNo: DOCUMENT_NO_2017_121,
        effectiveFrom: EFFECTIVE_2017_121,
        effectiveTo: null,
      },
    ],
  },
  {
    code: 'coal_mine',
    name: '煤矿',
    nameEn: 'Coal mines',
    document: COAL_DOCUMENT,
    documentNo: '应急管理部令第21号',
    status: 'complete',
    versions: [
      {
        version: '2020',
        documentNo: '应急管理部令第4号',
        effectiveFrom: COAL_2020_FROM,
        effectiveTo: COAL_2020_TO,
      },
      { version: '2026', documentNo: '应急管理部令第21号', effectiveFrom: COAL_2026_FROM, effectiveTo: null },
    ],
  },
  {
    code: 'industry_trade',
    name: '工贸',
    nameEn: 'Industry and trade',
    document: IT_DOCUMENT,
    documentNo: IT_DOCUMENT_NO,
    status: 'complete',
    versions: [
      { version: '2023', documentNo: IT_DOCUMENT_NO, effectiveFrom: IT_EFFECTIVE_FROM, effectiveTo: null },
    ],
  },
  {
    // domain-facts §4.4 [S]: item list [GAP]; the three-part structure is [M].
    code: 'metal_nonmetal_mine',
    name: '金属非金属矿山',
    nameEn: 'Metal and non-metal mines',
    document: '金属非金属矿山重大事故隐患判定标准',
    documentNo: '矿安〔2022〕88号（与矿安〔2024〕41号补充情形配套使用）',
    status: 'pending_text',
    versions: [
      { version: '2022', documentNo: '矿安〔2022〕88号', effectiveFrom: '2022-09-01', effectiveTo: null },
    ],
    structure: ['地下矿山', '露天矿山', '尾矿库'],
  },
  {
    // domain-facts §4.6 [S]: GB 35181-2025 item content [GAP]. The 2017 predecessor is not modelled.
    code: 'fire',
    name: '重大火灾隐患',
    nameEn: 'Major fire hazards',
    document: '重大火灾隐患判定规则',
    documentNo: 'GB 35181-2025',
    status: 'pending_text',
    versions: [
      { version: '2025', documentNo: 'GB 35181-2025', effectiveFrom: '2025-11-01', effectiveTo: null },
    ],
    structure: ['第4章 判定规则', '第5章 直接判定要素', '第6章 综合判定要素', '附录A'],
  },
];

export const CRITERIA_ITEMS: readonly CriterionItem[] = [
  ...HAZARDOUS_CHEMICALS_ITEMS,
  ...FIREWORKS_ITEMS,
  ...COAL_2020_ITEMS,
  ...COAL_2026_ITEMS,
  ...INDUSTRY_TRADE_ITEMS,
];

const ITEMS_BY_CODE = new Map(CRITERIA_ITEMS.map((i) => [i.code, i]));

/** The criteria sector with this code, or undefined. */
export function findCriteriaSector(code: string): CriterionSector | undefined {
  return CRITERIA_SECTORS.find((s) => s.code === code);
}

/** The criterion item with this code (case-insensitive, e.g. 'hc-05'), or undefined. */
export function findCriterion(code: string): CriterionItem | undefined {
  return ITEMS_BY_CODE.get(code.trim().toUpperCase());
}

export interface CriteriaInForce extends CriterionVersion {
  sector: CriterionSectorCode;
  items: CriterionItem[];
}

/**
 * The version of a sector's criteria in force on a day, with its items: a hazard is judged against the
 * version in force on its discovery date, taken as the Asia/Shanghai calendar day (2026-06-30T23:59+08:00
 * is still the 2020 coal version). Null before the first version or for an unknown sector.
 */
export function criteriaInForce(sector: string, on: Date | string): CriteriaInForce | null {
  const s = findCriteriaSector(sector);
  if (!s) return null;
  const day = shanghaiDay(on);
  const v = s.versions.find(
    (x) => x.effectiveFrom <= day && (x.effectiveTo === null || day <= x.effectiveTo),
  );
  if (!v) return null;
  const items = CRITERIA_ITEMS.filter((i) => i.sector === s.code && i.version === v.version);
  return { sector: s.code, ...v, items };
}

/** True when the item was in force on the given day (Asia/Shanghai), both ends inclusive. */
export function criterionInForceOn(item: CriterionItem, on: Date | string): boolean {
  const day = shanghaiDay(on);
  return item.effectiveFrom <= day && (item.effectiveTo === null || day <= item.effectiveTo);
}

/**
 * Criteria sectors that apply to an enterprise, from its GB/T 4754 industry code, sector flags and
 * key-monitoring categories: coal (06, or category coal_mine) → coal_mine; 08–10 → metal_nonmetal_mine;
 * the hazardous_chemicals sector, a hazardous-chemical major hazard, or divisions 25/26/27 →
 * hazardous_chemicals; fireworks → fireworks; other manufacturing (13–43) and the metallurgy,
 * industry_trade and commerce sectors → industry_trade; every enterprise → fire.
 */
export function criteriaSectorForEnterprise(
  industryCode: string,
  sectors: readonly string[],
  categories: readonly string[],
): CriterionSectorCode[] {
  const div = Number(
    industryCode
      .trim()
      .replace(/^[A-Z]/i, '')
      .slice(0, 2),
  );
  const out = new Set<CriterionSectorCode>();
  const chemicalDivision = div === 25 || div === 26 || div === 27;
  if (div === 6 || categories.includes('coal_mine')) out.add('coal_mine');
  if (div >= 8 && div <= 10) out.add('metal_nonmetal_mine');
  if (
    sectors.includes('hazardous_chemicals') ||
    categories.includes('hazmat_major_hazard') ||
    chemicalDivision
  )
    out.add('hazardous_chemicals');
  if (sectors.includes('fireworks')) out.add('fireworks');
  const manufacturing = div >= 13 && div <= 43 && !chemicalDivision;
  if (manufacturing || ['metallurgy', 'industry_trade', 'commerce'].some((s) => sectors.includes(s)))
    out.add('industry_trade');
  out.add('fire');
  return CRITERIA_SECTOR_CODES.filter((c) => out.has(c));
}
