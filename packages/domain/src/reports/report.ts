import { z } from 'zod';
import { DISTRICT_CODES } from '../org/regions';
import { phoneSchema, residentIdSchema } from '../enterprise/schema';
import { REPORT_CATEGORY_CODES, accidentGradeSchema } from './reward';

/** Public report intake (no login). The reporter block is required unless anonymous. */
export const publicReportSchema = z
  .object({
    category: z.enum(REPORT_CATEGORY_CODES, {
      error: '举报类别必须是 major_hazard、illegal_operation、concealed_accident 或 other',
    }),
    enterpriseId: z.string().uuid('企业编号格式不正确').nullish(),
    enterpriseName: z.string().trim().max(100, '企业名称不超过100个字符').nullish(),
    districtCode: z.enum(DISTRICT_CODES, { error: '请选择所在旗区' }),
    location: z
      .string({ error: '请填写地点' })
      .trim()
      .min(2, '请填写具体地点')
      .max(200, '地点不超过200个字符'),
    description: z
      .string({ error: '请描述举报内容' })
      .trim()
      .min(5, '请至少用5个字描述举报内容')
      .max(4000, '举报内容不超过4000个字符'),
    attachmentIds: z.array(z.string().uuid('附件编号格式不正确')).max(9, '照片最多9张').default([]),
    anonymous: z.boolean({ error: '请选择是否匿名' }),
    reporter: z
      .object({
        name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50),
        phone: phoneSchema,
        idNumber: residentIdSchema.optional(),
      })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.anonymous && !v.reporter)
      ctx.addIssue({ code: 'custom', path: ['reporter'], message: '实名举报请填写姓名和电话' });
    if (!v.enterpriseId && !v.enterpriseName)
      ctx.addIssue({ code: 'custom', path: ['enterpriseName'], message: '请选择或填写被举报单位' });
  });
export type PublicReport = z.infer<typeof publicReportSchema>;

export const REPORT_CHANNELS = [
  { code: 'web', name: '网络举报' },
  { code: 'hotline', name: '12350热线' },
  { code: 'letter', name: '信件' },
  { code: 'email', name: '电子邮件' },
  { code: 'visit', name: '来访' },
] as const;

export const REPORT_STATES = [
  { code: 'received', name: '已接收' },
  { code: 'not_accepted', name: '不予受理' },
  { code: 'verifying', name: '核查中' },
  { code: 'verified_true', name: '核查属实' },
  { code: 'verified_false', name: '核查不属实' },
  { code: 'reward_pending', name: '奖励待审批' },
  { code: 'reward_approved', name: '奖励已批准' },
  { code: 'reward_paid', name: '奖励已发放' },
  { code: 'closed', name: '已办结' },
] as const;
export type ReportState = (typeof REPORT_STATES)[number]['code'];

export const REPORT_ACTIONS = [
  'accept',
  'decline',
  'extend',
  'verify',
  'feedback',
  'compute-reward',
  'approve-reward',
  'pay',
  'close',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

const text = (label: string, max = 2000) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过${max}个字符`);

export const REPORT_ACTION_SCHEMAS = {
  accept: z.object({ note: z.string().trim().max(2000).optional() }),
  decline: z.object({ reason: text('不予受理的理由') }),
  extend: z.object({ reason: text('延期理由') }),
  verify: z
    .object({
      outcome: z.enum(['true', 'false'], { error: '核查结论必须是 true（属实）或 false（不属实）' }),
      summary: text('核查情况'),
      fine: z.number({ error: '罚款金额必须是数字（元）' }).min(0).max(1e10).optional(),
      deaths: z.number().int().min(0).optional(),
      accidentGrade: accidentGradeSchema.optional(),
      hazardId: z.string().uuid('隐患编号格式不正确').optional(),
      hazard: z
        .object({
          enterpriseId: z.string().uuid('企业编号格式不正确'),
          grade: z.enum(['major', 'general'], { error: '隐患等级无效' }),
          criterionId: z.string().uuid().nullish(),
          title: text('隐患名称', 100),
          deadline: z.iso.datetime({ offset: true, error: '整改期限格式应为 ISO 8601' }),
        })
        .optional(),
    })
    .superRefine((v, ctx) => {
      if (v.outcome === 'true' && (v.hazardId === undefined) === (v.hazard === undefined) && v.summary)
        ctx.addIssue({
          code: 'custom',
          path: ['hazard'],
          message: '核查属实须关联已有隐患（hazardId）或登记新隐患（hazard），二者选一',
        });
    }),
  feedback: z.object({ summary: text('反馈内容', 1000) }),
  'compute-reward': z.object({ note: z.string().trim().max(500).optional() }),
  'approve-reward': z.object({ comment: z.string().trim().max(500).optional() }),
  pay: z.object({ paymentRef: text('支付凭证号', 100), paidAt: z.iso.datetime({ offset: true }).optional() }),
  close: z.object({ note: z.string().trim().max(1000).optional() }),
} as const;

const FROM: Record<ReportAction, readonly ReportState[]> = {
  accept: ['received'],
  decline: ['received'],
  extend: ['verifying'],
  verify: ['verifying'],
  feedback: [
    'verified_true',
    'verified_false',
    'not_accepted',
    'reward_pending',
    'reward_approved',
    'reward_paid',
  ],
  'compute-reward': ['verified_true'],
  'approve-reward': ['reward_pending'],
  pay: ['reward_approved'],
  close: ['not_accepted', 'verified_true', 'verified_false', 'reward_paid'],
};

const TO: Partial<Record<ReportAction, ReportState>> = {
  accept: 'verifying',
  decline: 'not_accepted',
  'compute-reward': 'reward_pending',
  'approve-reward': 'reward_approved',
  pay: 'reward_paid',
  close: 'closed',
};

export const VERIFY_DAYS = 60;
export const EXTENSION_DAYS = 30;
export const FEEDBACK_DAYS = 10;

/** Actions possible in a state, for anyone. */
export function reportActionsInState(s: ReportState): ReportAction[] {
  return REPORT_ACTIONS.filter((a) => FROM[a].includes(s));
}

/** The state after an action (verify depends on the outcome; extend and feedback keep the state). */
export function nextReportState(
  s: ReportState,
  action: ReportAction,
  outcome?: 'true' | 'false',
): ReportState | null {
  if (!FROM[action].includes(s)) return null;
  if (action === 'verify') return outcome === 'true' ? 'verified_true' : 'verified_false';
  return TO[action] ?? s;
}

/** Character-bigram Jaccard similarity of two texts (whitespace and punctuation ignored), for duplicate detection. */
export function textSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = s.replace(/[\s\p{P}]/gu, '');
    const set = new Set<string>();
    for (let i = 0; i < t.length - 1; i++) set.add(t.slice(i, i + 2));
    return set;
  };
  const x = grams(a);
  const y = grams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let inter = 0;
  for (const g of x) if (y.has(g)) inter++;
  return inter / (x.size + y.size - inter);
}
export const DUPLICATE_WINDOW_DAYS = 30;
export const DUPLICATE_SIMILARITY = 0.5;
