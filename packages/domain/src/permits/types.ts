/**
 * The eight special operations of GB 30871-2022 (domain-facts §1.1) and their grades, as code lists with
 * Chinese names. Codes are stable: the API, the database and the web use them.
 */

export const PERMIT_TYPES = [
  { code: 'hot_work', name: '动火作业', nameEn: 'Hot work' },
  { code: 'confined_space', name: '受限空间作业', nameEn: 'Confined-space entry' },
  { code: 'blind_plate', name: '盲板抽堵作业', nameEn: 'Blind-plate insertion and removal' },
  { code: 'height', name: '高处作业', nameEn: 'Work at height' },
  { code: 'lifting', name: '吊装作业', nameEn: 'Lifting' },
  { code: 'temp_power', name: '临时用电作业', nameEn: 'Temporary electricity' },
  { code: 'excavation', name: '动土作业', nameEn: 'Excavation' },
  { code: 'road_closure', name: '断路作业', nameEn: 'Road breaking' },
] as const;
export type PermitType = (typeof PERMIT_TYPES)[number]['code'];
export const PERMIT_TYPE_CODES = PERMIT_TYPES.map((t) => t.code) as unknown as readonly [
  PermitType,
  ...PermitType[],
];

/** Hot-work grades (§1.3): 特级, 一级, 二级, lowest last. */
export const HOT_WORK_GRADES = [
  { code: 'special', name: '特级', nameEn: 'Special' },
  { code: 'level1', name: '一级', nameEn: 'Grade 1' },
  { code: 'level2', name: '二级', nameEn: 'Grade 2' },
] as const;
export type HotWorkGrade = (typeof HOT_WORK_GRADES)[number]['code'];
export const HOT_WORK_GRADE_CODES = HOT_WORK_GRADES.map((g) => g.code) as unknown as readonly [
  HotWorkGrade,
  ...HotWorkGrade[],
];

/** Work-at-height grades (§1.6), lowest first. */
export const HEIGHT_GRADES = [
  { code: 'I', name: 'Ⅰ级', nameEn: 'Class I' },
  { code: 'II', name: 'Ⅱ级', nameEn: 'Class II' },
  { code: 'III', name: 'Ⅲ级', nameEn: 'Class III' },
  { code: 'IV', name: 'Ⅳ级', nameEn: 'Class IV' },
] as const;
export type HeightGrade = (typeof HEIGHT_GRADES)[number]['code'];
export const HEIGHT_GRADE_CODES = HEIGHT_GRADES.map((g) => g.code) as unknown as readonly [
  HeightGrade,
  ...HeightGrade[],
];

/** Lifting grades (§1.7); `none` is a lift under 10 t, done without a permit but with a risk-analysis record. */
export const LIFTING_GRADES = [
  { code: 'level1', name: '一级', nameEn: 'Grade 1' },
  { code: 'level2', name: '二级', nameEn: 'Grade 2' },
  { code: 'level3', name: '三级', nameEn: 'Grade 3' },
  { code: 'none', name: '无需作业票（需风险分析）', nameEn: 'No permit (risk analysis only)' },
] as const;
export type LiftingGrade = (typeof LIFTING_GRADES)[number]['code'];
export const LIFTING_GRADE_CODES = LIFTING_GRADES.map((g) => g.code) as unknown as readonly [
  LiftingGrade,
  ...LiftingGrade[],
];

/** The nine objective hazard factors of work at height (§1.6, per GB/T 3608); any one makes grading method B. */
export const OBJECTIVE_FACTORS = [
  { code: 'gust_force5', name: '阵风风力5级（8.0 m/s）及以上' },
  { code: 'low_temperature', name: '平均气温等于或低于5 ℃的作业环境' },
  { code: 'cold_water', name: '接触冷水温度等于或低于12 ℃' },
  { code: 'slippery', name: '作业场地有冰、雪、霜、油、水等易滑物' },
  { code: 'poor_light', name: '作业场所光线不足或能见度差' },
  { code: 'live_conductor', name: '作业活动范围与带电体距离小于安全距离' },
  { code: 'unstable_footing', name: '摆动，立足处不是平面或只有很小的平面（宽度小于500 mm）' },
  { code: 'toxic_or_low_oxygen', name: '存在有毒气体或空气中含氧量低于19.5%' },
  { code: 'rescue', name: '可能会引起各种灾害事故的作业环境和抢救突然发生的各种灾害事故' },
] as const;
export type ObjectiveFactor = (typeof OBJECTIVE_FACTORS)[number]['code'];
export const OBJECTIVE_FACTOR_CODES = OBJECTIVE_FACTORS.map((f) => f.code) as unknown as readonly [
  ObjectiveFactor,
  ...ObjectiveFactor[],
];

/**
 * Situations from the notes of Table B.1 that fix a minimum height grade regardless of the band (§1.6).
 * `floor` is the lowest grade the work is managed at. The notes say "Ⅱ or Ⅲ" for the middle group; we read
 * that as "at least Ⅱ" (both are approved by the same specialist department) — [M] reading.
 */
export const HEIGHT_CONDITIONS = [
  { code: 'steep_slope', name: '在坡度大于45°的斜坡上作业', floor: 'I' },
  { code: 'near_openings', name: '在吊装口、坑、井、池、沟、洞等附近作业', floor: 'II' },
  { code: 'hazardous_area', name: '在易燃、易爆、易中毒、易灼伤区域或转动设备附近作业', floor: 'II' },
  { code: 'no_platform', name: '在无平台、无护栏的塔、釜、炉、罐等设备和架空管道上作业', floor: 'II' },
  { code: 'inside_equipment', name: '在塔、釜、炉、罐等设备内作业', floor: 'II' },
  { code: 'near_toxic_vent', name: '在排放有毒有害气体、粉尘的放空管线或烟囱附近作业', floor: 'II' },
  { code: 'extreme_temperature', name: '高温或低温环境下作业', floor: 'IV' },
  { code: 'snow_or_rain', name: '降雪或降雨时作业', floor: 'IV' },
  { code: 'night_artificial_light', name: '室外完全采用人工照明的夜间作业', floor: 'IV' },
  { code: 'live_line', name: '带电作业', floor: 'IV' },
  { code: 'suspended', name: '悬空作业（无立足点或无牢靠立足点）', floor: 'IV' },
] as const satisfies readonly { code: string; name: string; floor: HeightGrade }[];
export type HeightCondition = (typeof HEIGHT_CONDITIONS)[number]['code'];
export const HEIGHT_CONDITION_CODES = HEIGHT_CONDITIONS.map((c) => c.code) as unknown as readonly [
  HeightCondition,
  ...HeightCondition[],
];

/** Who approves a permit (Table B.1, §1.11). */
export const APPROVER_LEVELS = [
  { code: 'leader', name: '主管领导' },
  { code: 'safety_department', name: '安全管理部门' },
  { code: 'grassroots_unit', name: '所在基层单位' },
  { code: 'specialist_department', name: '所在单位专业部门' },
  { code: 'chief', name: '主管厂长或总工程师' },
  { code: 'power_supply_unit', name: '配送电单位' },
] as const;
export type ApproverLevel = (typeof APPROVER_LEVELS)[number]['code'];
export const APPROVER_LEVEL_CODES = APPROVER_LEVELS.map((l) => l.code) as unknown as readonly [
  ApproverLevel,
  ...ApproverLevel[],
];

/** Blind-plate actions: one permit covers one plate and one of these (§7.11). */
export const BLIND_PLATE_ACTIONS = [
  { code: 'insert', name: '堵' },
  { code: 'remove', name: '抽' },
] as const;
export type BlindPlateAction = (typeof BLIND_PLATE_ACTIONS)[number]['code'];

const nameOf = (list: readonly { code: string; name: string }[], code: string) =>
  list.find((x) => x.code === code)?.name ?? code;

/** The Chinese name of a permit type, or the code itself when unknown. */
export const permitTypeName = (code: string): string => nameOf(PERMIT_TYPES, code);
/** The Chinese name of a hot-work grade, or the code itself when unknown. */
export const hotWorkGradeName = (code: string): string => nameOf(HOT_WORK_GRADES, code);
/** The Chinese name of a height grade, or the code itself when unknown. */
export const heightGradeName = (code: string): string => nameOf(HEIGHT_GRADES, code);
/** The Chinese name of a lifting grade, or the code itself when unknown. */
export const liftingGradeName = (code: string): string => nameOf(LIFTING_GRADES, code);
/** The Chinese name of an approver level, or the code itself when unknown. */
export const approverLevelName = (code: string): string => nameOf(APPROVER_LEVELS, code);
