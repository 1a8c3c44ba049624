import { z } from 'zod';
import { DISTRICT_CODES } from '../org/regions';
import { locationSchema } from '../enterprise/schema';

// Hazard payloads shared by server and web. Lifecycle action inputs live in ../hazards.

export const HAZARD_GRADE_VALUES = ['major', 'general'] as const;
export const HAZARD_SOURCE_VALUES = [
  'self_check',
  'inspection',
  'expert',
  'public_report',
  'monitoring',
  'supervision',
] as const;
export const HAZARD_STATUS_VALUES = [
  'reported',
  'rectifying',
  'pending_acceptance',
  'closed',
  'dismissed',
] as const;
/** Sources that only the reporting and monitoring modules create, never a person through this form. */
export const SYSTEM_HAZARD_SOURCES = ['public_report', 'monitoring'] as const;

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式应为 ISO 8601（例如 2025-03-01T08:00:00+08:00）` });

/**
 * An ISO 8601 instant in a query string. An unencoded "+08:00" arrives as " 08:00" (a plus means a
 * space in query strings); no valid instant has a space there, so it is read back as a plus.
 */
export const queryInstant = (label: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.replace(/ (\d\d:?\d\d)$/, '+$1') : v), instant(label));

export const rectificationPlanSchema = z.object({
  responsible: z
    .string({ error: '请填写整改责任人' })
    .trim()
    .min(1, '请填写整改责任人')
    .max(50, '责任人不超过50个字符'),
  measures: z
    .string({ error: '请填写整改措施' })
    .trim()
    .min(1, '请填写整改措施')
    .max(4000, '整改措施不超过4000个字符'),
  /** Yuan as a number, or as people write it in a plan (e.g. "5万元"). */
  funds: z.union(
    [
      z.number().min(0, '整改资金不能为负').max(1e11, '整改资金过大'),
      z.string().trim().min(1, '请填写整改资金').max(50, '整改资金不超过50个字符'),
    ],
    { error: '请填写整改资金（元，或如“5万元”）' },
  ),
  deadline: instant('整改时限'),
  emergencyPlan: z
    .string({ error: '请填写应急预案' })
    .trim()
    .min(1, '请填写整改期间的应急预案')
    .max(4000, '应急预案不超过4000个字符'),
});
export type RectificationPlan = z.infer<typeof rectificationPlanSchema>;

export const hazardCreateSchema = z
  .object({
    enterpriseId: z.string({ error: '请选择企业' }).uuid('企业编号格式不正确'),
    grade: z.enum(HAZARD_GRADE_VALUES, { error: '隐患等级必须是 major（重大）或 general（一般）' }),
    criterionId: z.string().uuid('判定标准条目编号格式不正确').nullish(),
    title: z
      .string({ error: '请填写隐患名称' })
      .trim()
      .min(2, '隐患名称至少2个字符')
      .max(100, '隐患名称不超过100个字符'),
    description: z.string().trim().max(4000, '隐患描述不超过4000个字符').default(''),
    location: z.string().trim().max(200, '位置不超过200个字符').default(''),
    coordinates: locationSchema.nullish(),
    source: z.enum(HAZARD_SOURCE_VALUES, { error: '来源渠道无效' }),
    discoveredAt: instant('发现时间'),
    deadline: instant('整改期限').nullish(),
    plan: rectificationPlanSchema.nullish(),
    attachmentIds: z.array(z.string().uuid('附件编号格式不正确')).max(30, '附件最多30个').default([]),
    /** Responsible department kind (e.g. "yjj"), overriding the one derived from the enterprise. */
    departmentCode: z
      .string()
      .regex(/^[a-z]{2,8}$/, '责任部门代码无效')
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.grade === 'major' && !v.criterionId) {
      ctx.addIssue({ code: 'custom', path: ['criterionId'], message: '重大事故隐患必须选择判定标准条目' });
    }
    if (v.deadline && new Date(v.deadline) <= new Date(v.discoveredAt)) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: '整改期限必须晚于发现时间' });
    }
  });
export type HazardCreate = z.infer<typeof hazardCreateSchema>;

export const HAZARD_SORTS = [
  '-discoveredAt',
  'discoveredAt',
  'deadline',
  '-deadline',
  'code',
  '-code',
] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { error: `${label}无效` })));

export const hazardListQuerySchema = z.object({
  district: z.enum(DISTRICT_CODES, { error: '旗区代码无效' }).optional(),
  enterprise: z.string().uuid('企业编号格式不正确').optional(),
  grade: z.enum(HAZARD_GRADE_VALUES, { error: '隐患等级无效' }).optional(),
  status: csv(HAZARD_STATUS_VALUES, '状态').optional(),
  source: z.enum(HAZARD_SOURCE_VALUES, { error: '来源渠道无效' }).optional(),
  criterion: z.string().uuid('判定标准条目编号格式不正确').optional(),
  overdue: z.enum(['true', 'false'], { error: 'overdue 只能是 true 或 false' }).optional(),
  supervised: z.enum(['true', 'false'], { error: 'supervised 只能是 true 或 false' }).optional(),
  department: z
    .string()
    .regex(/^[a-z]{2,8}$/, '部门代码无效')
    .optional(),
  keyword: z.string().trim().max(100).optional(),
  discoveredFrom: queryInstant('开始时间').optional(),
  discoveredTo: queryInstant('结束时间').optional(),
  sort: z.enum(HAZARD_SORTS, { error: '排序字段无效' }).default('-discoveredAt'),
  page: z.coerce.number({ error: '页码必须是整数' }).int().min(1, '页码从1开始').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数必须是整数' })
    .int()
    .min(1)
    .max(200, '每页最多200条')
    .default(20),
});
export type HazardListQuery = z.infer<typeof hazardListQuerySchema>;

export const STATS_GROUP_BY = [
  'district',
  'industry',
  'sector',
  'grade',
  'status',
  'source',
  'department',
  'month',
] as const;
export const hazardStatsQuerySchema = z.object({
  groupBy: z.enum(STATS_GROUP_BY, { error: `groupBy 必须是 ${STATS_GROUP_BY.join('、')} 之一` }),
  from: queryInstant('开始时间').optional(),
  to: queryInstant('结束时间').optional(),
  district: z.enum(DISTRICT_CODES, { error: '旗区代码无效' }).optional(),
  grade: z.enum(HAZARD_GRADE_VALUES).optional(),
});
export type HazardStatsQuery = z.infer<typeof hazardStatsQuerySchema>;
