import type { SectorCode } from './sectors';

/**
 * Line departments (行业部门) present at city and district level, with the sectors each regulates.
 * Mining is split by industry: coal (GB/T 4754 division 06) goes to 能源局, other mines to 应急管理局,
 * following Inner Mongolia's practice [M: confirm with the city's 三管三必须 responsibility list].
 */
export const DEPARTMENTS = [
  {
    code: 'yjj',
    name: '应急管理局',
    nameEn: 'Emergency Management Bureau',
    sectors: ['mining', 'hazardous_chemicals', 'fireworks', 'metallurgy', 'industry_trade'],
  },
  { code: 'nyj', name: '能源局', nameEn: 'Energy Bureau', sectors: ['mining', 'power', 'oil_gas'] },
  {
    code: 'zjj',
    name: '住房和城乡建设局',
    nameEn: 'Housing and Urban-Rural Development Bureau',
    sectors: ['construction', 'gas'],
  },
  { code: 'jtj', name: '交通运输局', nameEn: 'Transport Bureau', sectors: ['transport'] },
  {
    code: 'scjgj',
    name: '市场监督管理局',
    nameEn: 'Market Regulation Bureau',
    sectors: ['special_equipment'],
  },
  { code: 'xfjy', name: '消防救援支队', nameEn: 'Fire and Rescue Detachment', sectors: ['fire'] },
  {
    code: 'gxj',
    name: '工业和信息化局',
    nameEn: 'Industry and Information Technology Bureau',
    sectors: ['civil_explosives', 'metallurgy'],
  },
  {
    code: 'gaj',
    name: '公安局',
    nameEn: 'Public Security Bureau',
    sectors: ['civil_explosives', 'road_traffic'],
  },
  { code: 'slj', name: '水利局', nameEn: 'Water Resources Bureau', sectors: ['water'] },
  {
    code: 'nmj',
    name: '农牧局',
    nameEn: 'Agriculture and Animal Husbandry Bureau',
    sectors: ['agriculture'],
  },
  { code: 'jyj', name: '教育局', nameEn: 'Education Bureau', sectors: ['education'] },
  { code: 'mzj', name: '民政局', nameEn: 'Civil Affairs Bureau', sectors: ['elderly_care'] },
  { code: 'wlj', name: '文化和旅游局', nameEn: 'Culture and Tourism Bureau', sectors: ['tourism'] },
  { code: 'wjw', name: '卫生健康委员会', nameEn: 'Health Commission', sectors: ['healthcare'] },
  { code: 'swj', name: '商务局', nameEn: 'Commerce Bureau', sectors: ['commerce'] },
  { code: 'lcj', name: '林业和草原局', nameEn: 'Forestry and Grassland Bureau', sectors: ['forestry'] },
  { code: 'zrzyj', name: '自然资源局', nameEn: 'Natural Resources Bureau', sectors: ['geology'] },
] as const satisfies ReadonlyArray<{
  code: string;
  name: string;
  nameEn: string;
  sectors: readonly SectorCode[];
}>;

export type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];

/** Stable organisation ids, seeded by migration. */
export const orgIds = {
  city: (code = '150600') => `city-${code}`,
  district: (code: string) => `district-${code}`,
  office: (regionCode: string) => `office-${regionCode}`,
  department: (regionCode: string, dept: string) => `dept-${regionCode}-${dept}`,
};

/**
 * Which department kinds regulate an enterprise, from its industry (GB/T 4754) and sectors.
 * Coal mining goes to 能源局; other mining to 应急管理局.
 */
export function deriveRegulatorCodes(industryCode: string, sectors: readonly string[]): DepartmentCode[] {
  const out = new Set<DepartmentCode>();
  const coal = industryCode.startsWith('06') || industryCode.startsWith('B06');
  for (const s of sectors) {
    if (s === 'mining') {
      out.add(coal ? 'nyj' : 'yjj');
      continue;
    }
    for (const d of DEPARTMENTS) if ((d.sectors as readonly string[]).includes(s)) out.add(d.code);
  }
  // Manufacturing and trade without a listed high-risk sector still fall under 工贸 supervision.
  if (out.size === 0) {
    const div = Number(industryCode.replace(/^[A-Z]/, '').slice(0, 2));
    // Mines follow the same split as the `mining` sector: coal (06) and oil and gas (07) to 能源局.
    if (div === 6 || div === 7) out.add('nyj');
    else if (div >= 8 && div <= 12) out.add('yjj');
    else if (div >= 13 && div <= 43) out.add('yjj');
    else if (div >= 44 && div <= 46) out.add('nyj');
    else if (div >= 47 && div <= 50) out.add('zjj');
    else if (div >= 53 && div <= 60) out.add('jtj');
    else if (div >= 51 && div <= 52) out.add('swj');
  }
  return [...out];
}

/** Department organisation ids at city level and in the enterprise's district. */
export function deriveDepartmentIds(
  districtCode: string,
  industryCode: string,
  sectors: readonly string[],
): string[] {
  return deriveRegulatorCodes(industryCode, sectors).flatMap((c) => [
    orgIds.department('150600', c),
    orgIds.department(districtCode, c),
  ]);
}
