import type { EnterpriseCreate, EnterprisePatch } from '@zhiben/domain';
import type { Enterprise } from '../../api/types';

interface PersonValues {
  name?: string;
  phone?: string;
  idNumber?: string;
}

/** What the antd form holds; location is split so server paths like "location.lng" land on a field. */
export interface EnterpriseFormValues {
  name?: string;
  uscc?: string;
  districtCode?: string;
  industryCode?: string;
  address?: string;
  location?: { lng?: number | null; lat?: number | null };
  sectors?: string[];
  categories?: string[];
  scale?: string;
  standardizationLevel?: string;
  employees?: number | null;
  status?: string;
  principal?: PersonValues;
  actualController?: PersonValues;
  deptMode: 'auto' | 'manual';
  departmentIds?: string[];
}

export const EMPTY_FORM: EnterpriseFormValues = {
  sectors: [],
  categories: [],
  standardizationLevel: 'none',
  status: 'operating',
  scale: 'below',
  employees: 0,
  deptMode: 'auto',
  departmentIds: [],
};

export function fromEnterprise(e: Enterprise): EnterpriseFormValues {
  return {
    name: e.name,
    uscc: e.uscc,
    districtCode: e.districtCode,
    industryCode: e.industryCode,
    address: e.address,
    location: { lng: e.location?.lng ?? null, lat: e.location?.lat ?? null },
    sectors: e.sectors,
    categories: e.categories,
    scale: e.scale,
    standardizationLevel: e.standardizationLevel,
    employees: e.employees,
    status: e.status,
    principal: { ...e.principal },
    actualController: { ...e.actualController },
    deptMode: e.departmentsOverridden ? 'manual' : 'auto',
    departmentIds: e.departmentIds,
  };
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** Form values → the create payload, before zod parses it (so zod reports on the user's input). */
export function toCreateInput(v: EnterpriseFormValues): Record<string, unknown> {
  const lng = v.location?.lng;
  const lat = v.location?.lat;
  return {
    name: v.name,
    uscc: v.uscc,
    districtCode: v.districtCode,
    industryCode: v.industryCode,
    address: v.address ?? '',
    location: blank(lng) && blank(lat) ? null : { lng: lng ?? undefined, lat: lat ?? undefined },
    sectors: v.sectors ?? [],
    categories: v.categories ?? [],
    scale: v.scale,
    standardizationLevel: v.standardizationLevel ?? 'none',
    employees: blank(v.employees) ? 0 : v.employees,
    status: v.status ?? 'operating',
    principal: v.principal ?? {},
    actualController: v.actualController ?? {},
    departmentIds: v.deptMode === 'manual' ? (v.departmentIds ?? []) : undefined,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Only the fields that changed, plus the version for optimistic locking. */
export function toPatch(
  parsed: EnterpriseCreate,
  mode: 'auto' | 'manual',
  original: Enterprise,
): EnterprisePatch {
  const patch: Record<string, unknown> = {};
  const keys = [
    'name',
    'uscc',
    'districtCode',
    'industryCode',
    'address',
    'location',
    'sectors',
    'categories',
    'scale',
    'standardizationLevel',
    'employees',
    'status',
    'principal',
    'actualController',
  ] as const;
  for (const k of keys) if (!same(parsed[k], original[k])) patch[k] = parsed[k];
  if (mode === 'auto' && original.departmentsOverridden) patch.departmentIds = null;
  if (mode === 'manual') {
    const ids = parsed.departmentIds ?? [];
    if (!original.departmentsOverridden || !sameSet(ids, original.departmentIds)) patch.departmentIds = ids;
  }
  patch.version = original.version;
  return patch as EnterprisePatch;
}
