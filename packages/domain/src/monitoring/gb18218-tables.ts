/**
 * GB 18218-2018 tables (domain-facts §2) [V]: Table 1 critical quantities for named substances (the
 * common rows the facts list; the standard has 85), Table 2 critical quantities and Table 4 β by hazard
 * class, and Table 3 β for toxic gases. Q is in tonnes. β stays an input of the calculator: where several
 * classes apply, practice varies, so a substance's β is configured data with its rationale (§2.3 [M]).
 */

export interface CriticalQuantity {
  /** Row number in Table 1. */
  no: number;
  name: string;
  nameEn: string;
  /** CAS numbers as the table gives them; empty where the table gives none. */
  cas: readonly string[];
  /** Critical quantity in tonnes. */
  Q: number;
}

const row = (no: number, name: string, nameEn: string, cas: string[], Q: number): CriticalQuantity => ({
  no,
  name,
  nameEn,
  cas,
  Q,
});

/** Table 1 rows the domain facts list (§2.4); diesel is not in Table 1 and goes through Table 2. */
export const CRITICAL_QUANTITIES: readonly CriticalQuantity[] = [
  row(1, '氨', 'Ammonia', ['7664-41-7'], 10),
  row(4, '二氧化硫', 'Sulphur dioxide', ['7446-09-5'], 20),
  row(6, '碳酰氯', 'Phosgene', ['75-44-5'], 0.3),
  row(7, '环氧乙烷', 'Ethylene oxide', ['75-21-8'], 10),
  row(8, '甲醛（含量>90%）', 'Formaldehyde (>90 %)', ['50-00-0'], 5),
  row(10, '硫化氢', 'Hydrogen sulphide', ['7783-06-4'], 5),
  row(11, '氯化氢（无水）', 'Hydrogen chloride (anhydrous)', ['7647-01-0'], 20),
  row(12, '氯', 'Chlorine', ['7782-50-5'], 5),
  row(13, '煤气（CO，CO和H₂、CH₄的混合物等）', 'Coal gas (CO; mixtures of CO, H₂, CH₄)', [], 20),
  row(20, '氟化氢', 'Hydrogen fluoride', ['7664-39-3'], 1),
  row(25, '氰化氢', 'Hydrogen cyanide', ['74-90-8'], 1),
  row(30, '异氰酸甲酯', 'Methyl isocyanate', ['624-83-9'], 0.75),
  row(43, '硝酸铵（含可燃物>0.2%）', 'Ammonium nitrate (> 0.2 % combustibles)', ['6484-52-2'], 5),
  row(44, '硝酸铵（含可燃物≤0.2%）', 'Ammonium nitrate (≤ 0.2 % combustibles)', ['6484-52-2'], 50),
  row(47, '1,3-丁二烯', '1,3-Butadiene', ['106-99-0'], 5),
  row(48, '二甲醚', 'Dimethyl ether', ['115-10-6'], 50),
  row(49, '甲烷，天然气', 'Methane, natural gas', ['74-82-8', '8006-14-2'], 50),
  row(50, '氯乙烯', 'Vinyl chloride', ['75-01-4'], 50),
  row(51, '氢', 'Hydrogen', ['1333-74-0'], 5),
  row(52, '液化石油气（丙烷、丁烷）', 'LPG (propane, butane)', ['68476-85-7'], 50),
  row(54, '乙炔', 'Acetylene', ['74-86-2'], 1),
  row(55, '乙烯', 'Ethylene', ['74-85-1'], 50),
  row(56, '氧（压缩的或液化的）', 'Oxygen (compressed or liquid)', ['7782-44-7'], 200),
  row(57, '苯', 'Benzene', ['71-43-2'], 50),
  row(58, '苯乙烯', 'Styrene', ['100-42-5'], 500),
  row(59, '丙酮', 'Acetone', ['67-64-1'], 500),
  row(60, '丙烯腈', 'Acrylonitrile', ['107-13-1'], 50),
  row(61, '二硫化碳', 'Carbon disulphide', ['75-15-0'], 50),
  row(63, '1,2-环氧丙烷', 'Propylene oxide', ['75-56-9'], 10),
  row(64, '甲苯', 'Toluene', ['108-88-3'], 500),
  row(65, '甲醇', 'Methanol', ['67-56-1'], 500),
  row(
    66,
    '汽油（含乙醇汽油、甲醇汽油）',
    'Gasoline (incl. ethanol or methanol gasoline)',
    ['86290-81-5'],
    200,
  ),
  row(67, '乙醇', 'Ethanol', ['64-17-5'], 500),
  row(69, '乙酸乙酯', 'Ethyl acetate', ['141-78-6'], 500),
  row(70, '正己烷', 'n-Hexane', ['110-54-3'], 500),
  row(78, '氯酸钾', 'Potassium chlorate', ['3811-04-9'], 100),
  row(81, '硝酸（含硝酸>70%）', 'Nitric acid (> 70 %)', ['7697-37-2'], 100),
  row(83, '碳化钙', 'Calcium carbide', ['75-20-7'], 100),
];

/** Names a row answers to exactly: its Chinese names without qualifiers in brackets, its English names. */
const exactNames = (r: CriticalQuantity) => [
  ...r.name.split('（')[0]!.split('，'),
  ...r.nameEn.toLowerCase().split(' (')[0]!.split(', '),
];

/**
 * Table 1 rows for a CAS number or a name: exact matches (CAS, or a name without its bracketed qualifier)
 * when there are any, otherwise rows whose name contains the query. Several rows may share a CAS.
 */
export function findCriticalQuantity(query: string): CriticalQuantity[] {
  const q = query.trim();
  if (!q) return [];
  const lower = q.toLowerCase();
  const exact = CRITICAL_QUANTITIES.filter((r) => r.cas.includes(q) || exactNames(r).includes(lower));
  if (exact.length > 0) return exact;
  return CRITICAL_QUANTITIES.filter((r) => r.name.includes(q) || r.nameEn.toLowerCase().includes(lower));
}

/** Table 3: β of toxic gases. CAS is given where the substance is also a Table 1 row, otherwise null. */
export const TOXIC_GAS_BETA: readonly { name: string; nameEn: string; cas: string | null; beta: number }[] = [
  { name: '一氧化碳', nameEn: 'Carbon monoxide', cas: null, beta: 2 },
  { name: '二氧化硫', nameEn: 'Sulphur dioxide', cas: '7446-09-5', beta: 2 },
  { name: '氨', nameEn: 'Ammonia', cas: '7664-41-7', beta: 2 },
  { name: '环氧乙烷', nameEn: 'Ethylene oxide', cas: '75-21-8', beta: 2 },
  { name: '氯化氢', nameEn: 'Hydrogen chloride', cas: '7647-01-0', beta: 3 },
  { name: '溴甲烷', nameEn: 'Methyl bromide', cas: null, beta: 3 },
  { name: '氯', nameEn: 'Chlorine', cas: '7782-50-5', beta: 4 },
  { name: '硫化氢', nameEn: 'Hydrogen sulphide', cas: '7783-06-4', beta: 5 },
  { name: '氟化氢', nameEn: 'Hydrogen fluoride', cas: '7664-39-3', beta: 5 },
  { name: '二氧化氮', nameEn: 'Nitrogen dioxide', cas: null, beta: 10 },
  { name: '氰化氢', nameEn: 'Hydrogen cyanide', cas: '74-90-8', beta: 10 },
  { name: '碳酰氯', nameEn: 'Phosgene', cas: '75-44-5', beta: 20 },
  { name: '磷化氢', nameEn: 'Phosphine', cas: null, beta: 20 },
  { name: '异氰酸甲酯', nameEn: 'Methyl isocyanate', cas: '624-83-9', beta: 20 },
];

/** The Table 3 β of a toxic gas by exact Chinese or English name or CAS, or null when it is not in Table 3. */
export function toxicGasBeta(query: string): number | null {
  const q = query.trim();
  const lower = q.toLowerCase();
  const hit = TOXIC_GAS_BETA.find((g) => g.cas === q || g.name === q || g.nameEn.toLowerCase() === lower);
  return hit?.beta ?? null;
}

/** Tables 2 and 4: hazard classes with their critical quantity Q (t) and β. */
export const HAZARD_CLASSES = [
  { code: 'J1', name: '急性毒性-类别1，所有暴露途径，气体', Q: 5, beta: 4 },
  { code: 'J2', name: '急性毒性-类别1，所有暴露途径，固体、液体', Q: 50, beta: 1 },
  { code: 'J3', name: '急性毒性-类别2、类别3，所有暴露途径，气体', Q: 50, beta: 2 },
  { code: 'J4', name: '急性毒性-类别2、类别3，吸入途径，液体（沸点≤35℃）', Q: 50, beta: 2 },
  { code: 'J5', name: '急性毒性-类别2，所有暴露途径，液体（除J4外）、固体', Q: 500, beta: 1 },
  { code: 'W1.1', name: '不稳定爆炸物，1.1项爆炸物', Q: 1, beta: 2 },
  { code: 'W1.2', name: '1.2、1.3、1.5、1.6项爆炸物', Q: 10, beta: 2 },
  { code: 'W1.3', name: '1.4项爆炸物', Q: 50, beta: 2 },
  { code: 'W2', name: '易燃气体，类别1和类别2', Q: 10, beta: 1.5 },
  { code: 'W3', name: '气溶胶，类别1和类别2（净含量）', Q: 150, beta: 1 },
  { code: 'W4', name: '氧化性气体，类别1', Q: 50, beta: 1 },
  { code: 'W5.1', name: '易燃液体，类别1；类别2和3，工作温度高于沸点', Q: 10, beta: 1.5 },
  {
    code: 'W5.2',
    name: '易燃液体，类别2和3，具有引发重大事故的特殊工艺条件（危险化工工艺、爆炸极限范围或附近操作、操作压力大于1.6MPa等）',
    Q: 50,
    beta: 1,
  },
  { code: 'W5.3', name: '不属于W5.1或W5.2的其他类别2易燃液体', Q: 1000, beta: 1 },
  { code: 'W5.4', name: '不属于W5.1或W5.2的其他类别3易燃液体', Q: 5000, beta: 1 },
  { code: 'W6.1', name: '自反应物质和混合物，A型和B型', Q: 10, beta: 1.5 },
  { code: 'W6.2', name: '自反应物质和混合物，C型、D型、E型', Q: 50, beta: 1 },
  { code: 'W7.1', name: '有机过氧化物，A型和B型', Q: 10, beta: 1.5 },
  { code: 'W7.2', name: '有机过氧化物，C型、D型、E型、F型', Q: 50, beta: 1 },
  { code: 'W8', name: '自燃液体和自燃固体，类别1', Q: 50, beta: 1 },
  { code: 'W9.1', name: '氧化性固体和液体，类别1', Q: 50, beta: 1 },
  { code: 'W9.2', name: '氧化性固体和液体，类别2、类别3', Q: 200, beta: 1 },
  { code: 'W10', name: '易燃固体，类别1', Q: 200, beta: 1 },
  { code: 'W11', name: '遇水放出易燃气体的物质和混合物，类别1和类别2', Q: 200, beta: 1 },
] as const;
export type HazardClassCode = (typeof HAZARD_CLASSES)[number]['code'];

/** The Table 4 β of a hazard class; throws RangeError on an unknown code. */
export function betaForHazardClass(code: HazardClassCode): number {
  return hazardClass(code).beta;
}

/** The Table 2 critical quantity of a substance in the given classes: the lowest Q applies (§2.1). */
export function criticalQuantityForClasses(codes: readonly HazardClassCode[]): number {
  if (codes.length === 0) throw new RangeError('至少指定一个危险性类别');
  return Math.min(...codes.map((c) => hazardClass(c).Q));
}

function hazardClass(code: string) {
  const c = HAZARD_CLASSES.find((x) => x.code === code);
  if (!c) throw new RangeError(`未知的危险性类别：${code}`);
  return c;
}
