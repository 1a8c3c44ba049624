/** GB/T 2260 codes for Ordos and its 9 districts and banners (domain-facts §7.3). */
export const CITY_CODE = '150600';
export const CITY_NAME = '鄂尔多斯市';

export const DISTRICTS = [
  { code: '150602', name: '东胜区', nameEn: 'Dongsheng District' },
  { code: '150603', name: '康巴什区', nameEn: 'Kangbashi District' },
  { code: '150621', name: '达拉特旗', nameEn: 'Dalad Banner' },
  { code: '150622', name: '准格尔旗', nameEn: 'Jungar Banner' },
  { code: '150623', name: '鄂托克前旗', nameEn: 'Otog Front Banner' },
  { code: '150624', name: '鄂托克旗', nameEn: 'Otog Banner' },
  { code: '150625', name: '杭锦旗', nameEn: 'Hanggin Banner' },
  { code: '150626', name: '乌审旗', nameEn: 'Uxin Banner' },
  { code: '150627', name: '伊金霍洛旗', nameEn: 'Ejin Horo Banner' },
] as const;

export type DistrictCode = (typeof DISTRICTS)[number]['code'];
export const DISTRICT_CODES = DISTRICTS.map((d) => d.code) as unknown as readonly [
  DistrictCode,
  ...DistrictCode[],
];

export function isDistrictCode(code: string): code is DistrictCode {
  return DISTRICTS.some((d) => d.code === code);
}

export function districtName(code: string): string | undefined {
  if (code === CITY_CODE) return CITY_NAME;
  return DISTRICTS.find((d) => d.code === code)?.name;
}
