import { z } from 'zod';
import { formatShanghaiDateZh } from './calendar';
import { daysOverdue } from './lifecycle';
import type { HazardState } from './lifecycle-schemas';

/**
 * 督办升级: the escalation ladder for overdue hazards (mission module 4). Each rung is issued at most once
 * per hazard. Days overdue are whole days, floor((asOf − deadline) / 24 h), computed only for open
 * hazards; a rung is due when daysOverdue ≥ its threshold (lower bound inclusive). So 0.99 day past the
 * deadline issues nothing and exactly 1 day issues the letter. The ladder is configurable per city.
 */
export const ESCALATION_RUNGS = [
  { code: 'letter', name: '函告', nameEn: 'Letter' },
  { code: 'circular', name: '通报', nameEn: 'Circular' },
  { code: 'interview', name: '约谈', nameEn: 'Interview' },
  { code: 'exposure', name: '曝光', nameEn: 'Public exposure' },
] as const;
export type Rung = (typeof ESCALATION_RUNGS)[number]['code'];
export const RUNG_CODES = ESCALATION_RUNGS.map((r) => r.code) as unknown as readonly [Rung, ...Rung[]];

export interface LadderStep {
  rung: Rung;
  name: string;
  minDaysOverdue: number;
}

export const DEFAULT_LADDER: readonly LadderStep[] = [
  { rung: 'letter', name: '函告', minDaysOverdue: 1 },
  { rung: 'circular', name: '通报', minDaysOverdue: 15 },
  { rung: 'interview', name: '约谈', minDaysOverdue: 30 },
  { rung: 'exposure', name: '曝光', minDaysOverdue: 60 },
];

/** A city's ladder configuration: distinct rungs, whole-day thresholds ≥ 1, rising. */
export const ladderSchema = z
  .array(
    z.object({
      rung: z.enum(RUNG_CODES, { error: '督办升级方式必须是 函告、通报、约谈 或 曝光' }),
      name: z.string().trim().min(1, '请填写名称').max(20, '名称不超过20个字符'),
      minDaysOverdue: z
        .number({ error: '逾期天数必须是整数' })
        .int('逾期天数必须是整数')
        .min(1, '逾期天数至少为1'),
    }),
  )
  .min(1, '至少配置一级督办升级')
  .superRefine((steps, ctx) => {
    if (new Set(steps.map((s) => s.rung)).size !== steps.length)
      ctx.addIssue({ code: 'custom', message: '每种督办升级方式只能配置一次' });
    for (let i = 1; i < steps.length; i++)
      if (steps[i]!.minDaysOverdue <= steps[i - 1]!.minDaysOverdue)
        ctx.addIssue({ code: 'custom', path: [i, 'minDaysOverdue'], message: '逾期天数必须逐级递增' });
  });

/** Rungs newly due for a hazard at asOf: every rung whose threshold is met and not yet recorded, in ladder order. */
export function dueRungs(
  h: { status: HazardState; deadline: string | null },
  existing: readonly Rung[],
  asOf: Date,
  ladder: readonly LadderStep[] = DEFAULT_LADDER,
): Rung[] {
  const days = daysOverdue(h, asOf);
  if (days <= 0) return [];
  return ladder.filter((s) => days >= s.minDaysOverdue && !existing.includes(s.rung)).map((s) => s.rung);
}

/** Paragraph indent of Chinese official documents: two full-width spaces. */
const P = '\u3000\u3000';

export interface EscalationContext {
  hazardCode: string;
  hazardTitle: string;
  enterpriseName: string;
  principalName: string;
  districtName: string;
  departmentName: string;
  deadline: string;
  daysOverdue: number;
  asOf: Date | string;
  issuer: string;
  /** Wording of the documents; major by default. */
  grade?: 'major' | 'general';
}

/** The Chinese document for a rung: 函告 to the enterprise, 通报, 约谈通知 to the principal, 曝光 to the public. */
export function escalationDocument(rung: Rung, ctx: EscalationContext): { title: string; body: string } {
  const deadline = formatShanghaiDateZh(ctx.deadline);
  const date = formatShanghaiDateZh(ctx.asOf);
  const kind = ctx.grade === 'general' ? '一般事故隐患' : '重大事故隐患';
  const facts = (subject: string) =>
    `经查，${subject}存在的${kind}“${ctx.hazardTitle}”（隐患编号：${ctx.hazardCode}），整改期限为${deadline}，截至${date}已逾期${ctx.daysOverdue}日，仍未完成整改销号`;
  const signature = `\n\n${ctx.issuer}\n${date}`;
  switch (rung) {
    case 'letter':
      return {
        title: `关于督促${ctx.enterpriseName}限期整改${kind}的函`,
        body:
          `${ctx.enterpriseName}：\n` +
          `${P}${facts('你单位')}。依据《中华人民共和国安全生产法》有关规定，现予函告。\n` +
          `${P}请你单位主要负责人${ctx.principalName}切实履行第一责任人职责，立即落实整改责任、措施、资金、时限和应急预案，整改期间采取有效防范措施确保安全，` +
          `尽快完成整改，并将整改情况书面报送${ctx.departmentName}。逾期仍未整改的，将依法依规予以通报、约谈直至公开曝光。` +
          signature,
      };
    case 'circular':
      return {
        title: `关于${ctx.enterpriseName}${kind}逾期未整改情况的通报`,
        body:
          `${ctx.districtName}人民政府，各有关部门：\n` +
          `${P}${facts(ctx.enterpriseName)}。该单位对隐患整改重视不够、推进不力，现予以通报。\n` +
          `${P}请${ctx.districtName}人民政府和${ctx.departmentName}督促该单位立即整改，落实整改期间安全防范措施，依法依规严肃处理；` +
          `各单位要引以为戒，举一反三，全面排查整治本地区、本行业领域重大事故隐患。` +
          signature,
      };
    case 'interview':
      return {
        title: `约谈通知书（${ctx.enterpriseName}）`,
        body:
          `${ctx.enterpriseName}主要负责人${ctx.principalName}：\n` +
          `${P}${facts('你单位')}。依据《中华人民共和国安全生产法》和安全生产约谈有关规定，决定对你进行安全生产约谈。约谈时间、地点另行通知。\n` +
          `${P}请你按时参加约谈，并书面说明隐患逾期未整改的原因、整改措施和完成时限。` +
          signature,
      };
    case 'exposure':
      return {
        title: `${kind}逾期未整改单位曝光（${ctx.hazardCode}）`,
        body:
          `${P}${facts(`位于${ctx.districtName}的${ctx.enterpriseName}`)}，现予以公开曝光，接受社会监督。\n` +
          `${P}欢迎社会各界监督举报安全生产重大事故隐患和违法行为。` +
          signature,
      };
  }
}

/** Rectification rate closed / total; a unit with no hazards counts as fully rectified (1). */
export function rectificationRate(closed: number, total: number): number {
  if (total <= 0) return 1;
  return closed / total;
}

export interface UnitProgress {
  key: string;
  total: number;
  closed: number;
  overdue: number;
}

/**
 * Districts or departments whose rectification rate is below the threshold (strictly, with a 1e-9
 * tolerance so 4/5 is not below 0.8). Convention [M]: by default a unit must also have at least one
 * overdue hazard, since a low rate from hazards still within their deadlines is not slow progress;
 * pass `requireOverdue: false` to escalate on the rate alone. Lowest rate first.
 */
export function unitsToEscalate<U extends UnitProgress>(
  units: readonly U[],
  threshold = 0.8,
  opts: { requireOverdue?: boolean } = {},
): Array<U & { rate: number }> {
  const requireOverdue = opts.requireOverdue ?? true;
  return units
    .map((u) => ({ ...u, rate: rectificationRate(u.closed, u.total) }))
    .filter((u) => u.rate < threshold - 1e-9 && (!requireOverdue || u.overdue > 0))
    .sort((a, b) => a.rate - b.rate || a.key.localeCompare(b.key));
}
