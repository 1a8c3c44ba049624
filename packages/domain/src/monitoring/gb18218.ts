import { z } from 'zod';
import {
  add,
  cmp,
  div,
  fromDecimal,
  mul,
  rational,
  toFractionString,
  truncate,
  type Rational,
} from './rational';

/**
 * GB 18218-2018 identification and grading of a major hazard installation (domain-facts §2.2, §2.3).
 * S = Σ qᵢ/Qᵢ, a major hazard when S ≥ 1; R = α · Σ βᵢ·qᵢ/Qᵢ, graded only when S ≥ 1. All arithmetic is
 * exact (rationals from each input's decimal form), so S exactly 1 is a major hazard and R exactly 10, 50
 * or 100 falls in the higher grade (bands lower-bound inclusive).
 */

/** Table 5: α by the permanent population within 500 m of the boundary, highest band first. */
export const ALPHA_BANDS: readonly { minPeople: number; alpha: string }[] = [
  { minPeople: 100, alpha: '2' },
  { minPeople: 50, alpha: '1.5' },
  { minPeople: 30, alpha: '1.2' },
  { minPeople: 1, alpha: '1' },
  { minPeople: 0, alpha: '0.5' },
];

/** Table 6: grades by R, lower bound inclusive, highest band first; 四级 has no lower bound. */
export const MAJOR_HAZARD_GRADES = [
  { grade: 1, name: '一级', minR: '100' },
  { grade: 2, name: '二级', minR: '50' },
  { grade: 3, name: '三级', minR: '10' },
  { grade: 4, name: '四级', minR: null },
] as const;
export type MajorHazardGrade = (typeof MAJOR_HAZARD_GRADES)[number]['grade'];

/** Decimal places of S and R as numbers; truncated, so the displayed value is on the same side of every band. */
export const MAJOR_HAZARD_DISPLAY_PLACES = 4;

const positive = (label: string) => z.number({ error: `${label} 必须是数字` }).positive(`${label} 必须大于0`);

/** Input of `POST /api/calculators/major-hazard`; the web form validates with the same schema. */
export const majorHazardInputSchema = z.object({
  substances: z
    .array(
      z.object({
        name: z.string({ error: '物质名称必须是文本' }).trim().max(100, '物质名称不超过100个字符').optional(),
        q: z.number({ error: '实际存在量 q 必须是数字' }).min(0, '实际存在量 q 不能为负数'),
        Q: positive('临界量 Q'),
        beta: positive('校正系数 β'),
      }),
      { error: '请填写危险化学品清单' },
    )
    .min(1, '至少填写一种危险化学品')
    .max(500, '危险化学品不超过500种'),
  peopleWithin500m: z
    .number({ error: '500米范围内常住人口数必须是整数' })
    .int('500米范围内常住人口数必须是整数')
    .min(0, '500米范围内常住人口数不能为负数'),
});
export type MajorHazardInput = z.infer<typeof majorHazardInputSchema>;

export interface MajorHazardAssessment {
  /** Σ q/Q, truncated for display. */
  S: number;
  isMajor: boolean;
  alpha: number;
  /** α · Σ β·q/Q, truncated for display; computed whether or not the unit is a major hazard. */
  R: number;
  /** 1–4 for 一级–四级; null when the unit is not a major hazard. */
  grade: MajorHazardGrade | null;
  /** Exact values as 'n' or 'n/d'. */
  exact: { S: string; R: string };
}

/** α for a head count within 500 m (Table 5); throws RangeError unless it is a whole number ≥ 0. */
export function alphaFor(peopleWithin500m: number): number {
  return Number(alphaBand(peopleWithin500m).alpha);
}

function alphaBand(people: number) {
  if (!Number.isInteger(people) || people < 0) throw new RangeError('500米范围内常住人口数必须是非负整数');
  return ALPHA_BANDS.find((b) => people >= b.minPeople)!;
}

/** The grade (1–4) for an exact R, lower bound inclusive. */
function gradeForR(R: Rational): MajorHazardGrade {
  for (const g of MAJOR_HAZARD_GRADES)
    if (g.minR === null || cmp(R, fromDecimal(g.minR)) >= 0) return g.grade;
  return 4;
}

/** Identifies and grades a unit per GB 18218-2018; throws RangeError on Q ≤ 0, q < 0, β ≤ 0 or non-finite input. */
export function majorHazardAssessment(input: {
  substances: readonly { name?: string; q: number; Q: number; beta: number }[];
  peopleWithin500m: number;
}): MajorHazardAssessment {
  let S = rational(0n);
  let weighted = rational(0n);
  for (const s of input.substances) {
    const q = fromDecimal(s.q);
    const Q = fromDecimal(s.Q);
    const beta = fromDecimal(s.beta);
    if (q.n < 0n) throw new RangeError('实际存在量 q 不能为负数');
    if (Q.n <= 0n) throw new RangeError('临界量 Q 必须大于0');
    if (beta.n <= 0n) throw new RangeError('校正系数 β 必须大于0');
    const ratio = div(q, Q);
    S = add(S, ratio);
    weighted = add(weighted, mul(beta, ratio));
  }
  const band = alphaBand(input.peopleWithin500m);
  const R = mul(fromDecimal(band.alpha), weighted);
  const isMajor = cmp(S, rational(1n)) >= 0;
  return {
    S: truncate(S, MAJOR_HAZARD_DISPLAY_PLACES),
    isMajor,
    alpha: Number(band.alpha),
    R: truncate(R, MAJOR_HAZARD_DISPLAY_PLACES),
    grade: isMajor ? gradeForR(R) : null,
    exact: { S: toFractionString(S), R: toFractionString(R) },
  };
}

/** The Chinese name of a grade: 一级 … 四级. */
export function majorHazardGradeName(grade: MajorHazardGrade): string {
  return MAJOR_HAZARD_GRADES.find((g) => g.grade === grade)!.name;
}
