/**
 * Request schemas of the permits API. The permit body is the domain's draft (permitDraftSchema) with the
 * number and application time left to the server, plus where the work happens for the monitoring link.
 */
import { z } from 'zod';
import {
  CERTIFICATE_TYPES,
  PERMIT_STATE_CODES,
  isoInstantSchema,
  permitDraftSchema,
  permitTypeSchema,
} from '@zhiben/domain';

const placement = {
  /** Filled by the server: ZY-<type code>-<yyyymmdd>-<seq>. Anything sent is ignored. */
  number: z.string().max(50).optional(),
  appliedAt: isoInstantSchema('作业申请时间').optional(),
  /** Enterprise users file for their own enterprise; the field only has to agree when given. */
  enterpriseId: z.uuid('企业编号格式不正确').optional(),
  /** Installation or zone (monitoring module): a gas alarm there suspends hot work and confined-space entry. */
  zone: z.string().trim().max(64, '区域编号不超过64个字符').optional(),
  installationId: z.uuid('装置编号格式不正确').optional(),
};

const variants = permitDraftSchema.options.map((o) => o.extend(placement));
type Variant = (typeof variants)[number];

export const permitCreateSchema = z
  .discriminatedUnion('type', variants as unknown as [Variant, ...Variant[]])
  .superRefine((p, ctx) => {
    if (Date.parse(p.plannedEnd) <= Date.parse(p.plannedStart))
      ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: '作业结束时间必须晚于开始时间' });
  });
export type PermitCreate = z.infer<typeof permitCreateSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const permitListQuerySchema = z.object({
  enterprise: z.uuid('企业编号格式不正确').optional(),
  type: permitTypeSchema.optional(),
  /** One state or several, comma-separated. */
  status: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(PERMIT_STATE_CODES, { error: '作业票状态无效' })))
    .optional(),
  /** Permits whose planned window touches this day (Asia/Shanghai). */
  date: day.optional(),
  district: z
    .string()
    .regex(/^\d{6}$/, '旗区代码应为6位数字')
    .optional(),
  keyword: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PermitListQuery = z.infer<typeof permitListQuerySchema>;

export const STATS_GROUPS = ['type', 'grade', 'enterprise', 'day', 'district'] as const;
export const permitStatsQuerySchema = z.object({
  groupBy: z.enum(STATS_GROUPS, { error: `分组方式必须是 ${STATS_GROUPS.join('、')} 之一` }),
  from: day.optional(),
  to: day.optional(),
});

const certificateSchema = z.object({
  type: z.enum(CERTIFICATE_TYPES.map((c) => c.code) as [string, ...string[]], { error: '证书类别无效' }),
  number: z
    .string({ error: '请填写证书编号' })
    .trim()
    .min(1, '请填写证书编号')
    .max(64, '证书编号不超过64个字符'),
  validUntil: day,
});
export const workerBodySchema = z.object({
  name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不超过50个字符'),
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{17}[\dXx]$/, '身份证号应为18位')
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, '手机号应为11位')
    .optional(),
  certificates: z.array(certificateSchema).max(20, '证书不超过20项').default([]),
  guardianTrained: z.boolean({ error: '请选择是否经过监护人培训' }).default(false),
  /** Sysadmin-free: regulators do not keep registries; enterprise users file for their own enterprise. */
  enterpriseId: z.uuid('企业编号格式不正确').optional(),
});
export type WorkerBody = z.infer<typeof workerBodySchema>;
