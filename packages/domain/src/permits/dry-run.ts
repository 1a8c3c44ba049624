/**
 * The dry run behind `POST /api/permits/check`: the verdicts for a permit described by a few fields, judged
 * at `at`. It judges what it is given: a fact left out (guardian presence, continuous monitoring, excavation
 * depth) is not held against the request. Unknown extra fields are ignored.
 */
import { z } from 'zod';
import { isoInstantSchema } from '../hazards/lifecycle-schemas';
import type { WorkContext } from './context';
import { checkGas } from './gas';
import { effectiveHotWorkGrade, heightGrade, liftingGrade, type UpgradeOptions } from './grading';
import { checkGuardianPresence, checkWeather, excavationUnderConfinedRules } from './rules';
import {
  gasAnalysisSchema,
  heightConditionsSchema,
  hotWorkGradeSchema,
  interruptionSchema,
  objectiveFactorsSchema,
  permitTypeSchema,
  windForceSchema,
} from './schemas';
import type { HeightGrade, HotWorkGrade, LiftingGrade } from './types';
import { checkValidity } from './validity';
import type { PermitViolation } from './violations';

const nonNegative = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .finite(`${label}必须是数字`)
    .min(0, `${label}不能为负数`);

export const permitCheckInputSchema = z
  .object({
    type: permitTypeSchema,
    /** Hot work: the grade on the work's own merits; the answer gives it after the automatic upgrade. */
    grade: hotWorkGradeSchema.optional(),
    plannedStart: isoInstantSchema('作业开始时间'),
    plannedEnd: isoInstantSchema('作业结束时间'),
    /** The instant judged. */
    at: isoInstantSchema('判定时间'),
    /** start: the work starts at `at` (default); continue: it goes on or resumes at `at`. */
    action: z.enum(['start', 'continue'], { error: '操作必须是 start 或 continue' }).optional(),
    heightM: nonNegative('作业高度').optional(),
    objectiveFactors: objectiveFactorsSchema.optional(),
    /** Table B.1 situations that fix a minimum height grade (extension of the contract). */
    heightConditions: heightConditionsSchema.optional(),
    massT: nonNegative('吊物质量').optional(),
    gasAnalyses: z.array(gasAnalysisSchema).optional(),
    interruptions: z.array(interruptionSchema).optional(),
    /** Hot work on oxygen equipment, or a confined space that is oxygen-enriched: O₂ ≤ 23.5 %. */
    oxygenEquipment: z.boolean().optional(),
    outdoor: z.boolean().optional(),
    windForce: windForceSchema.optional(),
    // Extensions of the contract; each is judged only when given.
    startedAt: isoInstantSchema('实际开始时间').optional(),
    guardianOnSite: z.boolean().optional(),
    continuousMonitoring: z.boolean().optional(),
    depthM: nonNegative('动土深度').optional(),
    processOrTankArea: z.boolean().optional(),
    buriedHazardousLines: z.boolean().optional(),
    inHazardArea: z.boolean().optional(),
    specialCase: z.boolean().optional(),
    servesPermit: z
      .object({
        plannedStart: isoInstantSchema('所服务作业票开始时间'),
        plannedEnd: isoInstantSchema('所服务作业票结束时间'),
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'hot_work' && !v.grade)
      ctx.addIssue({
        code: 'custom',
        path: ['grade'],
        message: '动火作业请填写动火级别（special、level1 或 level2）',
      });
    if (v.type === 'height' && v.heightM === undefined)
      ctx.addIssue({ code: 'custom', path: ['heightM'], message: '高处作业请填写作业高度' });
    if (v.type === 'lifting' && v.massT === undefined)
      ctx.addIssue({ code: 'custom', path: ['massT'], message: '吊装作业请填写吊物质量' });
  });
export type PermitCheckInput = z.infer<typeof permitCheckInputSchema>;

export interface PermitCheckResult {
  valid: boolean;
  grade?: HotWorkGrade | HeightGrade | LiftingGrade;
  violations: PermitViolation[];
}

/** The grade the dry run answers: hot work after upgrade at `at`, height Ⅰ–Ⅳ, lifting by mass. */
export function dryRunGrade(input: PermitCheckInput, opts: UpgradeOptions = {}): PermitCheckResult['grade'] {
  if (input.type === 'hot_work' && input.grade)
    return effectiveHotWorkGrade(
      { grade: input.grade, at: input.at, outdoor: input.outdoor, windForce: input.windForce },
      opts,
    ).grade;
  if (input.type === 'height' && input.heightM !== undefined)
    return (
      heightGrade({
        heightM: input.heightM,
        objectiveFactors: input.objectiveFactors,
        conditions: input.heightConditions,
      }) ?? undefined
    );
  if (input.type === 'lifting' && input.massT !== undefined) return liftingGrade(input.massT);
  return undefined;
}

/** The verdicts for a validated dry-run request (parse it with permitCheckInputSchema first). */
export function dryRunCheck(input: PermitCheckInput, opts: UpgradeOptions = {}): PermitCheckResult {
  const grade = dryRunGrade(input, opts);
  const confinedRules =
    input.type === 'confined_space' || (input.type === 'excavation' && excavationUnderConfinedRules(input));
  const ctx: WorkContext = {
    type: input.type,
    ...(input.type === 'hot_work' ? { hotGrade: grade as HotWorkGrade } : {}),
    plannedStart: Date.parse(input.plannedStart),
    plannedEnd: Date.parse(input.plannedEnd),
    at: Date.parse(input.at),
    action: input.action ?? 'start',
    ...(input.startedAt ? { startedAt: Date.parse(input.startedAt) } : {}),
    gasAnalyses: input.gasAnalyses ?? [],
    interruptions: (input.interruptions ?? []).map((i) => ({
      from: Date.parse(i.from),
      to: Date.parse(i.to),
    })),
    oxygenEquipment: input.type === 'hot_work' && input.oxygenEquipment === true,
    oxygenEnriched: input.oxygenEquipment === true,
    confinedRules,
    // Without inHazardArea, temporary power is not presumed to be in a hazard area.
    tempPowerGas: input.type === 'temp_power' && input.inHazardArea === true,
    ...(input.continuousMonitoring !== undefined ? { continuousMonitoring: input.continuousMonitoring } : {}),
    ...(input.guardianOnSite !== undefined ? { guardianOnSite: input.guardianOnSite } : {}),
    specialCase: input.specialCase === true,
    ...(input.servesPermit
      ? {
          servesPermit: {
            plannedStart: Date.parse(input.servesPermit.plannedStart),
            plannedEnd: Date.parse(input.servesPermit.plannedEnd),
          },
        }
      : {}),
  };
  const violations = [
    ...checkValidity(ctx),
    ...checkGas(ctx),
    ...checkGuardianPresence(ctx),
    ...checkWeather(input),
  ];
  return { valid: violations.length === 0, ...(grade !== undefined ? { grade } : {}), violations };
}
