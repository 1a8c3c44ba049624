import { z } from 'zod';
import { validateUscc } from '../codes/uscc';
import { validateResidentId } from '../codes/resident-id';
import { DISTRICT_CODES } from '../org/regions';
import { SECTOR_CODES, CATEGORY_CODES } from '../org/sectors';
import { findIndustry } from './industries';

export const ENTERPRISE_SCALES = [
  { code: 'above', name: '规上', nameEn: 'Above designated size' },
  { code: 'below', name: '规下', nameEn: 'Below designated size' },
] as const;
export const STANDARDIZATION_LEVELS = [
  { code: 'level1', name: '一级', nameEn: 'Level 1' },
  { code: 'level2', name: '二级', nameEn: 'Level 2' },
  { code: 'level3', name: '三级', nameEn: 'Level 3' },
  { code: 'none', name: '无', nameEn: 'None' },
] as const;
export const ENTERPRISE_STATUSES = [
  { code: 'operating', name: '在营', nameEn: 'Operating' },
  { code: 'suspended', name: '停产整顿', nameEn: 'Suspended for rectification' },
  { code: 'closed', name: '关闭', nameEn: 'Closed' },
] as const;

type Codes<T extends ReadonlyArray<{ code: string }>> = {
  [K in keyof T]: T[K] extends { code: infer C } ? C : never;
};
const codes = <T extends ReadonlyArray<{ code: string }>>(list: T) =>
  list.map((x) => x.code) as unknown as Codes<T> & [string, ...string[]];

export const phoneSchema = z
  .string({ error: '请填写电话' })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话格式不正确（手机号11位，或区号-座机号）');

export const residentIdSchema = z
  .string({ error: '请填写身份证号' })
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateResidentId(v);
    if (!r.valid) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const usccSchema = z
  .string({ error: '请填写统一社会信用代码' })
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateUscc(v);
    if (!r.valid) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const personSchema = z.object({
  name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不超过50个字符'),
  phone: phoneSchema,
  idNumber: residentIdSchema,
});

export const locationSchema = z.object({
  lng: z.number({ error: '经度必须是数字' }).min(73, '经度应在 73–136 之间').max(136, '经度应在 73–136 之间'),
  lat: z.number({ error: '纬度必须是数字' }).min(3, '纬度应在 3–54 之间').max(54, '纬度应在 3–54 之间'),
});

export const industryCodeSchema = z
  .string({ error: '请填写行业代码' })
  .trim()
  .superRefine((v, ctx) => {
    if (!findIndustry(v))
      ctx.addIssue({ code: 'custom', message: `行业代码“${v}”不在 GB/T 4754-2017 目录中` });
  });

const uniqueArray = <T extends z.ZodTypeAny>(item: T) =>
  z.array(item).refine((a) => new Set(a).size === a.length, '不能有重复项');

const fields = {
  name: z
    .string({ error: '请填写企业名称' })
    .trim()
    .min(2, '企业名称至少2个字符')
    .max(100, '企业名称不超过100个字符'),
  uscc: usccSchema,
  districtCode: z.enum(DISTRICT_CODES, { error: '所属旗区必须是鄂尔多斯市9个旗区之一' }),
  industryCode: industryCodeSchema,
  address: z.string().trim().max(200, '地址不超过200个字符'),
  location: locationSchema.nullable(),
  sectors: uniqueArray(z.enum(SECTOR_CODES, { error: '未知的行业领域' })),
  categories: uniqueArray(z.enum(CATEGORY_CODES, { error: '未知的重点监测类别' })),
  scale: z.enum(codes(ENTERPRISE_SCALES), { error: '规模必须是 规上 或 规下' }),
  standardizationLevel: z.enum(codes(STANDARDIZATION_LEVELS), {
    error: '标准化等级必须是 一级、二级、三级 或 无',
  }),
  employees: z
    .number({ error: '从业人数必须是整数' })
    .int('从业人数必须是整数')
    .min(0, '从业人数不能为负')
    .max(1_000_000, '从业人数过大'),
  principal: personSchema,
  actualController: personSchema,
  departmentIds: uniqueArray(z.string().min(1)),
  status: z.enum(codes(ENTERPRISE_STATUSES), { error: '状态必须是 在营、停产整顿 或 关闭' }),
};

/** Create payload: what `POST /api/enterprises` and each import row must satisfy. */
export const enterpriseCreateSchema = z.object({
  ...fields,
  address: fields.address.default(''),
  location: fields.location.optional().default(null),
  sectors: fields.sectors.default([]),
  categories: fields.categories.default([]),
  standardizationLevel: fields.standardizationLevel.default('none'),
  employees: fields.employees.default(0),
  departmentIds: fields.departmentIds.optional(),
  status: fields.status.default('operating'),
});
export type EnterpriseCreate = z.infer<typeof enterpriseCreateSchema>;

/** Patch payload: any subset; `departmentIds: null` returns to the derived regulators. */
export const enterprisePatchSchema = z
  .object({ ...fields, departmentIds: fields.departmentIds.nullable(), version: z.number().int().optional() })
  .partial();
export type EnterprisePatch = z.infer<typeof enterprisePatchSchema>;

export interface Enterprise {
  id: string;
  name: string;
  uscc: string;
  districtCode: string;
  districtName: string;
  industryCode: string;
  industryName: string;
  address: string;
  location: { lng: number; lat: number } | null;
  sectors: string[];
  categories: string[];
  scale: string;
  standardizationLevel: string;
  employees: number;
  principal: z.infer<typeof personSchema>;
  actualController: z.infer<typeof personSchema>;
  departmentIds: string[];
  departments: { id: string; name: string }[];
  departmentsOverridden: boolean;
  status: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const ENTERPRISE_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'employees',
  '-employees',
  'uscc',
  '-uscc',
] as const;

export const enterpriseListQuerySchema = z.object({
  district: z.enum(DISTRICT_CODES, { error: '旗区代码无效' }).optional(),
  industry: z
    .string()
    .trim()
    .regex(/^\d{2,4}$/, '行业代码应为2–4位数字')
    .optional(),
  sector: z.enum(SECTOR_CODES, { error: '未知的行业领域' }).optional(),
  category: z.enum(CATEGORY_CODES, { error: '未知的重点监测类别' }).optional(),
  status: z.enum(codes(ENTERPRISE_STATUSES), { error: '状态无效' }).optional(),
  scale: z.enum(codes(ENTERPRISE_SCALES), { error: '规模无效' }).optional(),
  department: z.string().trim().min(1).optional(),
  keyword: z.string().trim().max(100, '关键词不超过100个字符').optional(),
  sort: z.enum(ENTERPRISE_SORTS, { error: '排序字段无效' }).default('name'),
  page: z.coerce.number({ error: '页码必须是整数' }).int().min(1, '页码从1开始').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数必须是整数' })
    .int()
    .min(1)
    .max(500, '每页最多500条')
    .default(20),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuerySchema>;
