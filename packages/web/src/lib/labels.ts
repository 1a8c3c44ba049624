import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  DISTRICTS,
  ENTERPRISE_SCALES,
  ENTERPRISE_STATUSES,
  ROLES,
  SECTORS,
  STANDARDIZATION_LEVELS,
  CITY_CODE,
  CITY_NAME,
} from '@zhiben/domain';

interface Named {
  code: string;
  name: string;
  nameEn: string;
}

function finder(list: readonly Named[]) {
  const map = new Map(list.map((x) => [x.code, x]));
  return (code: string | null | undefined, en: boolean, fallback?: string | null): string => {
    if (!code) return fallback ?? '—';
    const item = map.get(code);
    if (!item) return fallback ?? code;
    return en ? item.nameEn : item.name;
  };
}

const district = finder([...DISTRICTS, { code: CITY_CODE, name: CITY_NAME, nameEn: 'Ordos City' }]);
const sector = finder(SECTORS);
const category = finder(CATEGORIES);
const status = finder(ENTERPRISE_STATUSES);
const scale = finder(ENTERPRISE_SCALES);
const level = finder(STANDARDIZATION_LEVELS);
const role = finder(ROLES);

export const STATUS_COLORS: Record<string, string> = {
  operating: 'green',
  suspended: 'orange',
  closed: 'default',
};

/** Names of reference codes in the current language (domain lists carry both). */
export function useLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const options = (list: readonly Named[]) =>
    list.map((x) => ({ value: x.code, label: en ? x.nameEn : x.name }));
  return {
    en,
    district: (c: string | null | undefined, fb?: string | null) => district(c, en, fb),
    sector: (c: string) => sector(c, en),
    category: (c: string) => category(c, en),
    status: (c: string) => status(c, en),
    scale: (c: string) => scale(c, en),
    level: (c: string) => level(c, en),
    role: (c: string, fb?: string | null) => role(c, en, fb),
    options,
    districtOptions: options(DISTRICTS),
    sectorOptions: options(SECTORS),
    categoryOptions: options(CATEGORIES),
    statusOptions: options(ENTERPRISE_STATUSES),
    scaleOptions: options(ENTERPRISE_SCALES),
    levelOptions: options(STANDARDIZATION_LEVELS),
    roleOptions: options(ROLES),
  };
}
