/**
 * Sectors (行业领域) that departments regulate. The first seven are the high-risk sectors the plan
 * names; an enterprise carries them as flags (`sectors`). The rest complete the departments' remits.
 */
export const SECTORS = [
  { code: 'mining', name: '矿山', nameEn: 'Mining', highRisk: true },
  { code: 'hazardous_chemicals', name: '危险化学品', nameEn: 'Hazardous chemicals', highRisk: true },
  { code: 'fireworks', name: '烟花爆竹', nameEn: 'Fireworks', highRisk: true },
  { code: 'transport', name: '交通运输', nameEn: 'Transport', highRisk: true },
  { code: 'construction', name: '建筑施工', nameEn: 'Construction', highRisk: true },
  { code: 'civil_explosives', name: '民用爆炸物品', nameEn: 'Civil explosives', highRisk: true },
  { code: 'metallurgy', name: '金属冶炼', nameEn: 'Metal smelting', highRisk: true },
  { code: 'industry_trade', name: '工贸', nameEn: 'Industry and trade', highRisk: false },
  { code: 'power', name: '电力', nameEn: 'Electric power', highRisk: false },
  { code: 'oil_gas', name: '石油天然气', nameEn: 'Oil and gas', highRisk: false },
  { code: 'gas', name: '城镇燃气', nameEn: 'Town gas', highRisk: false },
  { code: 'special_equipment', name: '特种设备', nameEn: 'Special equipment', highRisk: false },
  { code: 'fire', name: '消防', nameEn: 'Fire safety', highRisk: false },
  { code: 'road_traffic', name: '道路交通', nameEn: 'Road traffic', highRisk: false },
  { code: 'water', name: '水利', nameEn: 'Water conservancy', highRisk: false },
  { code: 'agriculture', name: '农牧业', nameEn: 'Agriculture and husbandry', highRisk: false },
  { code: 'education', name: '教育', nameEn: 'Education', highRisk: false },
  { code: 'elderly_care', name: '养老服务', nameEn: 'Elderly care', highRisk: false },
  { code: 'tourism', name: '文化旅游', nameEn: 'Culture and tourism', highRisk: false },
  { code: 'healthcare', name: '医疗卫生', nameEn: 'Healthcare', highRisk: false },
  { code: 'commerce', name: '商贸', nameEn: 'Commerce', highRisk: false },
  { code: 'forestry', name: '林业草原', nameEn: 'Forestry and grassland', highRisk: false },
  { code: 'geology', name: '地质勘查', nameEn: 'Geological exploration', highRisk: false },
] as const;

export type SectorCode = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES = SECTORS.map((s) => s.code) as unknown as readonly [SectorCode, ...SectorCode[]];
export const HIGH_RISK_SECTORS = SECTORS.filter((s) => s.highRisk).map((s) => s.code);

/** Key-monitoring categories (重点监测类别) that bring sensor hook-up duties. */
export const CATEGORIES = [
  { code: 'hazmat_major_hazard', name: '危化品重大危险源', nameEn: 'Hazardous-chemical major hazard' },
  { code: 'coal_mine', name: '煤矿', nameEn: 'Coal mine' },
  { code: 'steel', name: '钢铁', nameEn: 'Steel' },
  { code: 'aluminium_casting', name: '铝加工（深井铸造）', nameEn: 'Aluminium deep-well casting' },
  { code: 'dust_explosion', name: '重点粉尘涉爆', nameEn: 'Key dust-explosion site' },
] as const;
export type CategoryCode = (typeof CATEGORIES)[number]['code'];
export const CATEGORY_CODES = CATEGORIES.map((c) => c.code) as unknown as readonly [
  CategoryCode,
  ...CategoryCode[],
];

export function sectorName(code: string): string {
  return SECTORS.find((s) => s.code === code)?.name ?? code;
}
export function categoryName(code: string): string {
  return CATEGORIES.find((c) => c.code === code)?.name ?? code;
}
