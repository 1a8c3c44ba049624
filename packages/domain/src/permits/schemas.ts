/**
 * The permit draft (Appendix A common fields plus each type's own fields, domain-facts §1.12) as zod
 * schemas with Chinese messages, shared by the server (400 on failure) and the web forms. A draft may
 * leave measures unconfirmed; the workflow demands them at the measures step.
 */
import { z } from 'zod';
import { isoInstantSchema } from '../hazards/lifecycle-schemas';
import {
  APPROVER_LEVEL_CODES,
  HEIGHT_CONDITION_CODES,
  HOT_WORK_GRADE_CODES,
  OBJECTIVE_FACTOR_CODES,
  PERMIT_TYPE_CODES,
} from './types';

const text = (label: string, max = 200) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过${max}个字符`);
const optionalText = (label: string, max = 200) =>
  z.string().trim().max(max, `${label}不超过${max}个字符`).optional();
const nonNegative = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .finite(`${label}必须是数字`)
    .min(0, `${label}不能为负数`);
const percent = (label: string) => nonNegative(label).max(100, `${label}不能超过100%`);
const flag = (label: string) => z.boolean({ error: `请选择${label}` });
/** Beaufort force 0–17. */
export const windForceSchema = z
  .number({ error: '风力等级必须是数字' })
  .int('风力等级必须是整数')
  .min(0, '风力等级不能为负数')
  .max(17, '风力等级不超过17级');

export const permitTypeSchema = z.enum(PERMIT_TYPE_CODES, { error: '作业类别无效' });
export const hotWorkGradeSchema = z.enum(HOT_WORK_GRADE_CODES, {
  error: '动火级别必须是 特级、一级 或 二级',
});
export const objectiveFactorsSchema = z.array(z.enum(OBJECTIVE_FACTOR_CODES, { error: '客观危险因素无效' }));
export const heightConditionsSchema = z.array(z.enum(HEIGHT_CONDITION_CODES, { error: '高处作业情形无效' }));

/** One gas analysis: sampling time, LEL of the measured gas and its concentration (v/v %), O₂ where measured. */
export const gasAnalysisSchema = z.object({
  sampledAt: isoInstantSchema('采样时间'),
  lelPercent: z
    .number({ error: '爆炸下限必须是数字' })
    .finite('爆炸下限必须是数字')
    .positive('爆炸下限必须大于0')
    .max(100, '爆炸下限不能超过100%'),
  concentrationPercent: percent('可燃气体浓度'),
  oxygenPercent: percent('氧气含量').optional(),
  /** Toxic gases within the GBZ 2.1 limits ([GAP]: the numeric table is not in the facts, so a yes/no). */
  toxicWithinLimit: z.boolean().optional(),
  gas: optionalText('代表性气体', 50),
  point: optionalText('分析点', 100),
  analyst: optionalText('分析人', 50),
});
export type GasAnalysis = z.infer<typeof gasAnalysisSchema>;

export const interruptionSchema = z
  .object({ from: isoInstantSchema('中断开始时间'), to: isoInstantSchema('恢复作业时间') })
  .refine((i) => Date.parse(i.to) >= Date.parse(i.from), {
    message: '恢复作业时间不能早于中断开始时间',
    path: ['to'],
  });
export type Interruption = z.infer<typeof interruptionSchema>;

const personSchema = z.object({ workerId: optionalText('人员编号', 64), name: text('姓名', 50) });
export const permitWorkerSchema = personSchema.extend({
  /** Certificate the worker holds for this work; null says none is needed for this worker's duty. */
  certificateType: z.string().trim().max(50).nullable().optional(),
  certificateNumber: optionalText('证书编号', 64),
});
export const measureRowSchema = z.object({
  code: text('措施编号', 64),
  applies: flag('是否涉及'),
  confirmer: optionalText('确认人', 50),
});
export const relatedPermitSchema = z.object({ type: permitTypeSchema, number: text('关联作业票编号', 50) });

const hotWork = z.object({
  grade: hotWorkGradeSchema,
  method: text('动火方式'),
  outdoor: flag('是否室外作业'),
  windForce: windForceSchema.optional(),
  oxygenEquipment: flag('是否在生产、使用、储存氧气的设备上动火'),
  continuousMonitoring: z.boolean().optional(),
});
const confinedSpace = z.object({
  spaceName: text('受限空间名称'),
  originalMedium: text('原有介质'),
  oxygenEnriched: z.boolean().optional(),
});
const blindPlate = z.object({
  action: z.enum(['insert', 'remove'], { error: '请选择抽或堵' }),
  equipment: text('设备、管道名称'),
  pipelineId: text('管道编号', 64),
  medium: text('介质', 100),
  temperatureC: z.number({ error: '温度必须是数字' }).finite('温度必须是数字'),
  pressureMPa: z.number({ error: '压力必须是数字' }).finite('压力必须是数字'),
  plateMaterial: text('盲板材质', 50),
  plateSize: text('盲板规格', 50),
  plateNumber: text('盲板编号', 50),
  locationDrawing: text('盲板位置图'),
  actualStart: isoInstantSchema('实际作业开始时间').optional(),
});
const height = z.object({
  heightM: nonNegative('作业高度').refine((h) => h >= 2, '高处作业指坠落高度基准面2 m及以上的作业'),
  objectiveFactors: objectiveFactorsSchema,
  conditions: heightConditionsSchema.optional(),
  outdoor: flag('是否室外作业'),
  windForce: windForceSchema.optional(),
});
const lifting = z.object({
  gear: text('吊具名称'),
  load: text('吊物内容'),
  craneOperator: text('起重机械操作人员', 50),
  slinger: text('司索人员', 50),
  signaller: text('指挥人员', 50),
  massT: nonNegative('吊物质量'),
  liftingPlan: z.boolean().optional(),
  outdoor: flag('是否室外作业'),
  windForce: windForceSchema.optional(),
});
const tempPower = z.object({
  connectionPoint: text('电源接入点'),
  permittedPowerKW: nonNegative('许可用电功率'),
  voltageV: nonNegative('工作电压'),
  equipment: z
    .array(z.object({ name: text('用电设备名称', 100), ratedPowerKW: nonNegative('额定功率') }))
    .min(1, '请填写用电设备及功率'),
  electricianCertificates: z.array(text('电工证号', 64)).min(1, '请填写电工证号'),
  inHazardArea: flag('是否在运行的火灾爆炸危险性生产装置、罐区内'),
  specialCase: z.object({ reason: text('特殊情况说明') }).optional(),
  servesPermit: z
    .object({
      type: permitTypeSchema,
      number: text('所服务作业票编号', 50),
      plannedStart: isoInstantSchema('所服务作业票开始时间'),
      plannedEnd: isoInstantSchema('所服务作业票结束时间'),
    })
    .optional(),
});
const excavation = z.object({
  scope: text('作业范围'),
  depthM: nonNegative('动土深度'),
  areaM2: nonNegative('动土面积'),
  sketch: text('动土范围示意图'),
  processOrTankArea: flag('是否在生产装置区、罐区'),
  /** Buried flammable or toxic lines, manholes and the like (§11); unknown is treated as yes. */
  buriedHazardousLines: z.boolean().optional(),
});
const roadClosure = z.object({
  reason: text('断路原因'),
  affectedUnits: z.array(text('涉及相关单位', 100)),
  sketch: text('断路地段示意图'),
});

const common = {
  number: text('作业票编号', 50),
  applyingUnit: text('作业申请单位', 100),
  appliedAt: isoInstantSchema('作业申请时间'),
  content: text('作业内容', 1000),
  location: text('作业地点'),
  workUnit: text('作业单位', 100),
  workLeader: text('作业负责人', 50),
  workers: z.array(permitWorkerSchema),
  guardians: z.array(personSchema).min(1, '特殊作业必须设监护人'),
  relatedPermits: z.array(relatedPermitSchema),
  /** Other special operations in the same job (§4.6): each needs its own permit, named in relatedPermits. */
  combinedWith: z.array(permitTypeSchema).optional(),
  riskIdentification: text('危害辨识结果', 2000),
  plannedStart: isoInstantSchema('作业开始时间'),
  plannedEnd: isoInstantSchema('作业结束时间'),
  measures: z.array(measureRowSchema),
  otherMeasures: z.object({ text: text('其他安全措施', 2000), author: text('编制人', 50) }).optional(),
};

const variant = <T extends string, D extends z.ZodType>(type: T, details: D) =>
  z.object({ ...common, type: z.literal(type), details });

export const permitDraftSchema = z
  .discriminatedUnion('type', [
    variant('hot_work', hotWork),
    variant('confined_space', confinedSpace),
    variant('blind_plate', blindPlate),
    variant('height', height),
    variant('lifting', lifting),
    variant('temp_power', tempPower),
    variant('excavation', excavation),
    variant('road_closure', roadClosure),
  ])
  .superRefine((p, ctx) => {
    if (Date.parse(p.plannedEnd) <= Date.parse(p.plannedStart))
      ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: '作业结束时间必须晚于开始时间' });
  });
export type PermitDraft = z.infer<typeof permitDraftSchema>;
export type PermitDetails<T extends PermitDraft['type']> = Extract<PermitDraft, { type: T }>['details'];

/** One signature of the opinion chain, timed to the minute. */
export const signatureSchema = z.object({
  step: z.enum(
    [
      'briefing',
      'guardian',
      'work_leader',
      'owning_unit',
      'safety_department',
      'countersign',
      'approver',
      'shift_leader_check',
      'acceptance',
    ],
    { error: '签字环节无效' },
  ),
  name: text('签字人', 50),
  at: isoInstantSchema('签字时间'),
  /** The approver's level (Table B.1); only on the approver step. */
  level: z.enum(APPROVER_LEVEL_CODES, { error: '审批人层级无效' }).optional(),
  opinion: optionalText('意见', 500),
  /** Departments countersigning (excavation, road breaking). */
  departments: z.array(text('会签部门', 100)).optional(),
  /** Safety briefing: who received it. */
  recipient: optionalText('接受交底人', 50),
});
export type Signature = z.infer<typeof signatureSchema>;
export type SignatureStep = Signature['step'];
