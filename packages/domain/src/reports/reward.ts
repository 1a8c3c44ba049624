import { z } from 'zod';

/**
 * 《安全生产领域举报奖励办法》(安监总财〔2018〕19号, domain-facts §6): national default rates,
 * configurable per jurisdiction.
 */
export interface RewardRates {
  /** Share of the administrative fine for major hazards and illegal operation. */
  fineShare: number;
  minimum: number;
  maximum: number;
  /** Per confirmed concealed death, by the accident's final grade. */
  perDeath: Record<AccidentGrade, number>;
  /** Cap on a concealed-accident reward. */
  concealedMaximum: number;
}

export const ACCIDENT_GRADES = [
  { code: 'general', name: '一般事故' },
  { code: 'larger', name: '较大事故' },
  { code: 'major', name: '重大事故' },
  { code: 'especially_major', name: '特别重大事故' },
] as const;
export type AccidentGrade = (typeof ACCIDENT_GRADES)[number]['code'];

export const NATIONAL_REWARD_RATES: RewardRates = {
  fineShare: 0.15,
  minimum: 3000,
  maximum: 300_000,
  perDeath: { general: 30_000, larger: 40_000, major: 50_000, especially_major: 60_000 },
  concealedMaximum: 300_000,
};

export const REPORT_CATEGORIES = [
  { code: 'major_hazard', name: '重大事故隐患', nameEn: 'Major accident hazard' },
  {
    code: 'illegal_operation',
    name: '违法生产经营建设',
    nameEn: 'Illegal production, operation or construction',
  },
  { code: 'concealed_accident', name: '瞒报谎报事故', nameEn: 'Concealed or falsely reported accident' },
  { code: 'other', name: '其他', nameEn: 'Other' },
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number]['code'];
export const REPORT_CATEGORY_CODES = REPORT_CATEGORIES.map((c) => c.code) as unknown as readonly [
  ReportCategory,
  ...ReportCategory[],
];

export const accidentGradeSchema = z.enum(
  ACCIDENT_GRADES.map((g) => g.code) as unknown as [AccidentGrade, ...AccidentGrade[]],
  {
    error: '事故等级必须是 general、larger、major 或 especially_major',
  },
);

export const rewardInputSchema = z
  .object({
    category: z.enum(REPORT_CATEGORY_CODES, {
      error: '举报类别必须是 major_hazard、illegal_operation、concealed_accident 或 other',
    }),
    fine: z
      .number({ error: '罚款金额必须是数字（元）' })
      .min(0, '罚款金额不能为负')
      .max(1e10, '罚款金额过大')
      .optional(),
    deaths: z
      .number({ error: '死亡人数必须是整数' })
      .int('死亡人数必须是整数')
      .min(0, '死亡人数不能为负')
      .max(10_000)
      .optional(),
    accidentGrade: accidentGradeSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.category === 'major_hazard' || v.category === 'illegal_operation') && v.fine === undefined)
      ctx.addIssue({ code: 'custom', path: ['fine'], message: '该类别按罚款金额计算奖励，请填写罚款金额' });
    if (v.category === 'concealed_accident') {
      if (v.deaths === undefined)
        ctx.addIssue({ code: 'custom', path: ['deaths'], message: '请填写核实的瞒报死亡人数' });
      if (!v.accidentGrade)
        ctx.addIssue({ code: 'custom', path: ['accidentGrade'], message: '请填写事故最终认定等级' });
    }
  });
export type RewardInput = z.infer<typeof rewardInputSchema>;

/**
 * The reward in whole yuan. Fine-based: 15 % of the fine, at least ¥3,000, at most ¥300,000; no fine
 * imposed (0) gives no reward. Concealed accidents: per confirmed death by grade, capped at ¥300,000.
 * Convention [GAP: the rules give no rounding]: 15 % is computed in fen and rounded half up to a yuan.
 * "Other" reports earn no statutory reward.
 */
export function computeReward(
  input: RewardInput,
  rates: RewardRates = NATIONAL_REWARD_RATES,
): { amount: number; basis: string } {
  switch (input.category) {
    case 'major_hazard':
    case 'illegal_operation': {
      const fine = input.fine ?? 0;
      if (fine <= 0) return { amount: 0, basis: '未处以罚款，不予奖励' };
      const fen = Math.round(fine * 100);
      const share = Math.round((fen * Math.round(rates.fineShare * 10_000)) / 10_000 / 100);
      const amount = Math.min(rates.maximum, Math.max(rates.minimum, share));
      return {
        amount,
        basis: `罚款 ${fine} 元 × ${rates.fineShare * 100}% = ${share} 元，奖励下限 ${rates.minimum} 元、上限 ${rates.maximum} 元`,
      };
    }
    case 'concealed_accident': {
      const per = rates.perDeath[input.accidentGrade ?? 'general'];
      const deaths = input.deaths ?? 0;
      const amount = Math.min(rates.concealedMaximum, per * deaths);
      return { amount, basis: `核实瞒报死亡 ${deaths} 人 × ${per} 元/人，上限 ${rates.concealedMaximum} 元` };
    }
    case 'other':
      return { amount: 0, basis: '该类别无法定奖励标准' };
  }
}
