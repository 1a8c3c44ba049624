import {
  DISTRICTS,
  USCC_CHARSET,
  withResidentIdCheck,
  withUsccCheck,
  type CategoryCode,
  type DistrictCode,
  type EnterpriseCreate,
  type SectorCode,
} from '@zhiben/domain';
import { ORDOS_GEO, type Place } from './ordos-places';

/**
 * Synthetic demo enterprises for Ordos: pure and deterministic from a seed, no I/O. The mix follows
 * the city's economy (coal mines in Jungar and Ejin Horo, coal chemicals in the industrial parks,
 * ferroalloy around Qipanjing, heavy road haulage) but every name, code and person is invented.
 */

export type Rng = () => number;

/** mulberry32: small, fast, good enough for demo data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const chance = (r: Rng, p: number) => r() < p;

function weighted<T>(r: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = r() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------
// Archetypes

type Level = EnterpriseCreate['standardizationLevel'];
type DistrictWeights = Partial<Record<DistrictCode, number>>;

/** Name template: brand word, district name, short town name. */
type NameFn = (b: string, d: string, t: string) => string;

interface Variant {
  industry: string;
  weight: number;
  names: readonly NameFn[];
}

interface Archetype {
  key: string;
  weight: number;
  districts: DistrictWeights;
  variants: readonly Variant[];
  sectors: readonly SectorCode[];
  /** Categories with the probability each applies. */
  categories?: ReadonlyArray<readonly [CategoryCode, number]>;
  /** Probability the site is in one of the district's industrial parks (when it has any). */
  inPark?: number;
  employees: readonly [number, number];
  above: number;
  levels: ReadonlyArray<readonly [Level, number]>;
  /** USCC registration-authority and type code, e.g. '91' enterprise, '92' individual business. */
  usccType?: ReadonlyArray<readonly [string, number]>;
  /** The site sits in a village rather than on a town street (mines, power plants). */
  rural?: boolean;
}

const ALL: DistrictWeights = {
  '150602': 22,
  '150603': 7,
  '150621': 12,
  '150622': 15,
  '150623': 5,
  '150624': 10,
  '150625': 5,
  '150626': 8,
  '150627': 16,
};
const COAL: DistrictWeights = {
  '150622': 34,
  '150627': 30,
  '150602': 6,
  '150621': 6,
  '150624': 10,
  '150626': 8,
  '150623': 3,
  '150625': 3,
};
const CHEM: DistrictWeights = {
  '150622': 24,
  '150624': 24,
  '150626': 15,
  '150627': 13,
  '150621': 10,
  '150623': 8,
  '150625': 4,
  '150602': 2,
};
const INDUSTRIAL: DistrictWeights = {
  '150602': 10,
  '150621': 14,
  '150622': 20,
  '150623': 7,
  '150624': 20,
  '150625': 6,
  '150626': 9,
  '150627': 14,
};
const URBAN: DistrictWeights = {
  '150602': 40,
  '150603': 15,
  '150621': 10,
  '150622': 12,
  '150627': 12,
  '150624': 4,
  '150626': 4,
  '150623': 2,
  '150625': 2,
};

const HIGH: ReadonlyArray<readonly [Level, number]> = [
  ['level1', 30],
  ['level2', 60],
  ['level3', 10],
];
const MID: ReadonlyArray<readonly [Level, number]> = [
  ['level1', 5],
  ['level2', 45],
  ['level3', 45],
  ['none', 5],
];
const LOW: ReadonlyArray<readonly [Level, number]> = [
  ['level2', 5],
  ['level3', 45],
  ['none', 50],
];
const NONE: ReadonlyArray<readonly [Level, number]> = [
  ['level3', 10],
  ['none', 90],
];

const v = (industry: string, weight: number, ...names: NameFn[]): Variant => ({ industry, weight, names });

const ARCHETYPES: readonly Archetype[] = [
  {
    key: 'coal_mine',
    weight: 220,
    districts: COAL,
    variants: [
      v(
        '0610',
        95,
        (b) => `鄂尔多斯市${b}煤炭有限责任公司`,
        (b) => `内蒙古${b}矿业有限责任公司`,
        (b, d) => `${d}${b}煤炭有限责任公司`,
        (b) => `鄂尔多斯市${b}煤业有限公司`,
        (b, _d, t) => `内蒙古${b}能源有限责任公司${t}煤矿`,
      ),
      v('0620', 3, (b) => `内蒙古${b}褐煤开发有限公司`),
      v('0690', 2, (b, d) => `${d}${b}煤炭综合开发有限公司`),
    ],
    sectors: ['mining'],
    categories: [['coal_mine', 1]],
    employees: [200, 3000],
    above: 0.92,
    levels: HIGH,
    rural: true,
  },
  {
    key: 'coal_trade',
    weight: 70,
    districts: { ...COAL, '150602': 20 },
    variants: [
      v(
        '5161',
        1,
        (b) => `鄂尔多斯市${b}煤炭运销有限公司`,
        (b, d) => `${d}${b}煤炭销售有限责任公司`,
        (b) => `内蒙古${b}能源贸易有限公司`,
      ),
    ],
    sectors: [],
    employees: [5, 60],
    above: 0.3,
    levels: NONE,
  },
  {
    key: 'non_coal_mine',
    weight: 45,
    districts: { ...ALL, '150603': 0 },
    variants: [
      v(
        '1019',
        70,
        (b, d) => `${d}${b}砂石料有限公司`,
        (b, d) => `${d}${b}建材矿业有限公司`,
      ),
      v(
        '1011',
        25,
        (b) => `鄂尔多斯市${b}石灰石矿业有限公司`,
        (b) => `内蒙古${b}石膏矿业有限公司`,
      ),
      v('1030', 5, (b) => `内蒙古${b}盐化有限公司`),
    ],
    sectors: ['mining'],
    employees: [12, 180],
    above: 0.3,
    levels: LOW,
    rural: true,
  },
  {
    key: 'mining_services',
    weight: 25,
    districts: COAL,
    variants: [
      v(
        '1110',
        80,
        (b) => `鄂尔多斯市${b}矿山工程技术有限公司`,
        (b, d) => `${d}${b}煤矿综采服务有限公司`,
      ),
      v('1190', 20, (b) => `鄂尔多斯市${b}爆破工程有限责任公司`),
    ],
    sectors: ['mining'],
    employees: [30, 600],
    above: 0.5,
    levels: MID,
  },
  {
    key: 'coal_chemical',
    weight: 85,
    districts: CHEM,
    variants: [
      v(
        '2523',
        30,
        (b) => `内蒙古${b}煤化工有限公司`,
        (b) => `鄂尔多斯市${b}能源化工有限公司`,
        (b) => `内蒙古${b}清洁能源有限公司`,
      ),
      v(
        '2522',
        10,
        (b) => `鄂尔多斯市${b}煤制气有限公司`,
        (b) => `内蒙古${b}合成气有限责任公司`,
      ),
      v(
        '2614',
        25,
        (b) => `内蒙古${b}化工有限责任公司`,
        (b) => `鄂尔多斯市${b}甲醇有限公司`,
      ),
      v(
        '2651',
        15,
        (b) => `鄂尔多斯市${b}新材料有限公司`,
        (b) => `内蒙古${b}树脂有限公司`,
      ),
      v(
        '2621',
        10,
        (b) => `内蒙古${b}化肥有限责任公司`,
        (b) => `鄂尔多斯市${b}尿素有限公司`,
      ),
      v(
        '2521',
        10,
        (b, d) => `${d}${b}焦化有限责任公司`,
        (b) => `内蒙古${b}焦化有限公司`,
      ),
    ],
    sectors: ['hazardous_chemicals'],
    categories: [['hazmat_major_hazard', 0.8]],
    inPark: 0.95,
    employees: [150, 3000],
    above: 0.97,
    levels: MID,
  },
  {
    key: 'chemical',
    weight: 55,
    districts: CHEM,
    variants: [
      v('2612', 12, (b) => `内蒙古${b}氯碱化工有限公司`),
      v('2611', 6, (b) => `鄂尔多斯市${b}硫酸有限公司`),
      v('2613', 10, (b) => `鄂尔多斯市${b}无机盐有限公司`),
      v(
        '2619',
        15,
        (b) => `内蒙古${b}化工有限公司`,
        (b) => `鄂尔多斯市${b}化学有限公司`,
      ),
      v(
        '2661',
        15,
        (b, d) => `${d}${b}精细化工有限公司`,
        (b) => `内蒙古${b}化学助剂有限公司`,
      ),
      v('2669', 12, (b) => `鄂尔多斯市${b}化工科技有限公司`),
      v('2652', 5, (b) => `内蒙古${b}橡胶材料有限公司`),
      v('2631', 5, (b) => `内蒙古${b}农药化工有限公司`),
      v('2641', 10, (b) => `鄂尔多斯市${b}涂料有限公司`),
      v('2710', 5, (b) => `内蒙古${b}药业有限公司`),
      v('2511', 5, (b) => `内蒙古${b}石油化工有限公司`),
    ],
    sectors: ['hazardous_chemicals'],
    categories: [['hazmat_major_hazard', 0.35]],
    inPark: 0.9,
    employees: [30, 900],
    above: 0.75,
    levels: MID,
  },
  {
    key: 'lng_plant',
    weight: 10,
    districts: { '150626': 50, '150623': 20, '150624': 15, '150625': 15 },
    variants: [
      v(
        '4511',
        1,
        (b) => `内蒙古${b}液化天然气有限公司`,
        (b) => `鄂尔多斯市${b}LNG有限公司`,
      ),
    ],
    sectors: ['hazardous_chemicals', 'gas'],
    categories: [['hazmat_major_hazard', 0.9]],
    inPark: 0.7,
    employees: [40, 300],
    above: 0.9,
    levels: MID,
  },
  {
    key: 'civil_explosives',
    weight: 4,
    districts: { '150622': 40, '150627': 30, '150624': 20, '150602': 10 },
    variants: [
      v(
        '2671',
        1,
        (b) => `内蒙古${b}民爆器材有限公司`,
        (b) => `鄂尔多斯市${b}民用爆破器材有限责任公司`,
      ),
    ],
    sectors: ['civil_explosives'],
    categories: [['hazmat_major_hazard', 0.5]],
    employees: [40, 400],
    above: 0.9,
    levels: MID,
    rural: true,
  },
  {
    key: 'hazmat_trade',
    weight: 55,
    districts: { ...ALL, '150602': 30 },
    variants: [
      v(
        '5169',
        65,
        (b) => `鄂尔多斯市${b}化工产品销售有限公司`,
        (b, d) => `${d}${b}化工商贸有限责任公司`,
      ),
      v(
        '5162',
        35,
        (b) => `内蒙古${b}石油化工销售有限公司`,
        (b) => `鄂尔多斯市${b}油品经销有限公司`,
      ),
    ],
    sectors: ['hazardous_chemicals'],
    employees: [3, 35],
    above: 0.2,
    levels: NONE,
  },
  {
    key: 'hazmat_storage',
    weight: 15,
    districts: CHEM,
    variants: [
      v(
        '5942',
        60,
        (b) => `鄂尔多斯市${b}危险品仓储有限公司`,
        (b) => `内蒙古${b}化工仓储有限公司`,
      ),
      v(
        '5941',
        40,
        (b) => `内蒙古${b}油品储运有限公司`,
        (b) => `鄂尔多斯市${b}油气储运有限责任公司`,
      ),
    ],
    sectors: ['hazardous_chemicals'],
    categories: [['hazmat_major_hazard', 0.5]],
    inPark: 0.8,
    employees: [10, 120],
    above: 0.5,
    levels: MID,
  },
  {
    key: 'fuel_station',
    weight: 120,
    districts: ALL,
    variants: [
      v(
        '5265',
        1,
        (b, _d, t) => `鄂尔多斯市${b}石油销售有限责任公司${t}加油站`,
        (b, d) => `${d}${b}加油站有限公司`,
        (b, _d, t) => `内蒙古${b}能源有限公司${t}加油站`,
      ),
    ],
    sectors: ['hazardous_chemicals'],
    employees: [4, 25],
    above: 0.15,
    levels: LOW,
  },
  {
    key: 'gas_filling',
    weight: 30,
    districts: ALL,
    variants: [
      v(
        '5266',
        1,
        (b, _d, t) => `鄂尔多斯市${b}天然气有限责任公司${t}加气站`,
        (b, d) => `${d}${b}加气站有限公司`,
      ),
    ],
    sectors: ['gas'],
    employees: [4, 20],
    above: 0.1,
    levels: LOW,
  },
  {
    key: 'town_gas',
    weight: 15,
    districts: URBAN,
    variants: [
      v(
        '4511',
        70,
        (b, d) => `${d}${b}燃气有限公司`,
        (b) => `鄂尔多斯市${b}城市燃气有限责任公司`,
      ),
      v('4512', 30, (b) => `鄂尔多斯市${b}液化气有限公司`),
    ],
    sectors: ['gas'],
    employees: [20, 300],
    above: 0.6,
    levels: MID,
  },
  {
    key: 'fireworks_retail',
    weight: 18,
    districts: URBAN,
    variants: [
      v(
        '52',
        1,
        (b, d) => `${d}${b}烟花爆竹零售店`,
        (b, d, t) => `${d}${t}${b}烟花爆竹经销部`,
      ),
    ],
    sectors: ['fireworks'],
    employees: [1, 5],
    above: 0,
    levels: [['none', 1]],
    usccType: [
      ['92', 80],
      ['91', 20],
    ],
  },
  {
    key: 'fireworks_wholesale',
    weight: 3,
    districts: { '150602': 40, '150621': 20, '150622': 20, '150627': 20 },
    variants: [v('51', 1, (b) => `鄂尔多斯市${b}烟花爆竹有限责任公司`)],
    sectors: ['fireworks'],
    employees: [8, 40],
    above: 0.3,
    levels: LOW,
    rural: true,
  },
  {
    key: 'freight',
    weight: 170,
    districts: { ...COAL, '150602': 20, '150603': 2 },
    variants: [
      v(
        '5431',
        1,
        (b, d) => `${d}${b}运输有限责任公司`,
        (b) => `鄂尔多斯市${b}物流有限公司`,
        (b) => `内蒙古${b}汽车运输有限公司`,
      ),
    ],
    sectors: ['transport'],
    employees: [10, 400],
    above: 0.25,
    levels: LOW,
  },
  {
    key: 'dangerous_goods_haulage',
    weight: 40,
    districts: CHEM,
    variants: [
      v(
        '5435',
        1,
        (b) => `鄂尔多斯市${b}危险货物运输有限公司`,
        (b) => `内蒙古${b}危货运输有限责任公司`,
      ),
    ],
    sectors: ['transport'],
    employees: [20, 300],
    above: 0.4,
    levels: MID,
  },
  {
    key: 'passenger',
    weight: 20,
    districts: URBAN,
    variants: [
      v('5421', 30, (b, d) => `${d}${b}客运有限责任公司`),
      v('5422', 25, (b) => `鄂尔多斯市${b}旅游客运有限公司`),
      v('5411', 15, (b, d) => `${d}${b}公共交通有限责任公司`),
      v('5413', 20, (b) => `鄂尔多斯市${b}出租汽车有限公司`),
      v('5441', 10, (b, d) => `${d}${b}汽车客运站有限公司`),
    ],
    sectors: ['transport'],
    employees: [20, 600],
    above: 0.4,
    levels: MID,
  },
  {
    key: 'rail_logistics',
    weight: 30,
    districts: { ...COAL, '150602': 8 },
    variants: [
      v(
        '5320',
        40,
        (b) => `内蒙古${b}铁路物流有限公司`,
        (b, _d, t) => `鄂尔多斯市${b}${t}集运站有限公司`,
      ),
      v('5910', 30, (b, d) => `${d}${b}装卸有限公司`),
      v('5920', 30, (b) => `鄂尔多斯市${b}仓储物流有限公司`),
    ],
    sectors: [],
    employees: [10, 250],
    above: 0.3,
    levels: NONE,
  },
  {
    key: 'construction',
    weight: 200,
    districts: { ...ALL, '150602': 30, '150603': 12 },
    variants: [
      v(
        '4710',
        30,
        (b) => `内蒙古${b}建设集团有限公司`,
        (b) => `鄂尔多斯市${b}建筑工程有限责任公司`,
      ),
      v('4812', 12, (b) => `内蒙古${b}路桥工程有限公司`),
      v('4813', 10, (b) => `鄂尔多斯市${b}市政工程有限公司`),
      v('4840', 12, (b, d) => `${d}${b}矿建工程有限公司`),
      v('4852', 6, (b) => `内蒙古${b}管道工程有限公司`),
      v('4910', 8, (b) => `鄂尔多斯市${b}电力安装工程有限公司`),
      v('4875', 8, (b) => `内蒙古${b}新能源工程有限公司`),
      v('5011', 10, (b) => `鄂尔多斯市${b}装饰工程有限公司`),
      v('5021', 4, (b, d) => `${d}${b}拆除工程有限公司`),
    ],
    sectors: ['construction'],
    employees: [15, 800],
    above: 0.45,
    levels: LOW,
  },
  {
    key: 'ferroalloy',
    weight: 35,
    districts: { '150624': 70, '150623': 10, '150621': 8, '150625': 7, '150622': 5 },
    variants: [
      v(
        '3140',
        1,
        (b) => `内蒙古${b}硅铁有限公司`,
        (b) => `鄂尔多斯市${b}冶金有限责任公司`,
        (b, d) => `${d}${b}铁合金有限公司`,
        (b) => `内蒙古${b}硅锰合金有限公司`,
      ),
    ],
    sectors: ['metallurgy'],
    inPark: 0.85,
    employees: [80, 1200],
    above: 0.85,
    levels: MID,
  },
  {
    key: 'silicon',
    weight: 10,
    districts: { '150624': 60, '150623': 15, '150625': 15, '150621': 10 },
    variants: [
      v(
        '3218',
        1,
        (b) => `内蒙古${b}硅业有限公司`,
        (b) => `鄂尔多斯市${b}工业硅有限公司`,
      ),
    ],
    sectors: ['metallurgy'],
    inPark: 0.9,
    employees: [80, 800],
    above: 0.85,
    levels: MID,
  },
  {
    key: 'steel',
    weight: 5,
    districts: { '150621': 40, '150622': 30, '150624': 30 },
    variants: [
      v('3120', 40, (b) => `内蒙古${b}钢铁有限公司`),
      v('3110', 20, (b) => `鄂尔多斯市${b}炼铁有限公司`),
      v('3130', 40, (b) => `鄂尔多斯市${b}特钢有限公司`),
    ],
    sectors: ['metallurgy'],
    categories: [['steel', 1]],
    inPark: 0.9,
    employees: [200, 2500],
    above: 1,
    levels: MID,
  },
  {
    key: 'aluminium',
    weight: 12,
    districts: { '150622': 50, '150624': 30, '150621': 20 },
    variants: [
      v(
        '3216',
        45,
        (b) => `内蒙古${b}铝业有限公司`,
        (b) => `鄂尔多斯市${b}电解铝有限公司`,
      ),
      v(
        '3252',
        35,
        (b) => `鄂尔多斯市${b}铝材有限公司`,
        (b) => `内蒙古${b}铝合金制品有限公司`,
      ),
      v('3392', 20, (b) => `鄂尔多斯市${b}铝铸件有限公司`),
    ],
    sectors: ['metallurgy'],
    categories: [['aluminium_casting', 0.7]],
    inPark: 0.9,
    employees: [60, 2000],
    above: 0.9,
    levels: MID,
  },
  {
    key: 'building_materials',
    weight: 80,
    districts: INDUSTRIAL,
    variants: [
      v('3011', 6, (b) => `内蒙古${b}水泥有限责任公司`),
      v('3021', 25, (b, d) => `${d}${b}商品混凝土有限公司`),
      v('3022', 15, (b) => `鄂尔多斯市${b}建材有限公司`),
      v('3031', 20, (b, d) => `${d}${b}新型建材有限公司`),
      v('3012', 8, (b) => `鄂尔多斯市${b}石灰有限公司`),
      v('3089', 10, (b) => `鄂尔多斯市${b}耐火材料有限公司`),
      v(
        '3091',
        16,
        (b) => `内蒙古${b}碳素有限公司`,
        (b) => `鄂尔多斯市${b}石墨新材料有限公司`,
      ),
    ],
    sectors: ['industry_trade'],
    inPark: 0.4,
    employees: [15, 500],
    above: 0.5,
    levels: LOW,
  },
  {
    key: 'dust_processing',
    weight: 25,
    districts: {
      '150621': 30,
      '150602': 15,
      '150622': 15,
      '150627': 15,
      '150625': 10,
      '150623': 5,
      '150626': 10,
    },
    variants: [
      v('1312', 25, (b, d) => `${d}${b}面粉有限公司`),
      v('1313', 20, (b) => `鄂尔多斯市${b}玉米制品有限公司`),
      v('1329', 25, (b, d) => `${d}${b}饲料有限公司`),
      v('3360', 15, (b) => `鄂尔多斯市${b}金属表面处理有限公司`),
      v(
        '1721',
        15,
        (b) => `内蒙古${b}绒业有限公司`,
        (b) => `鄂尔多斯市${b}羊绒制品有限公司`,
      ),
    ],
    sectors: ['industry_trade'],
    categories: [['dust_explosion', 0.75]],
    employees: [10, 400],
    above: 0.4,
    levels: LOW,
  },
  {
    key: 'manufacturing',
    weight: 45,
    districts: INDUSTRIAL,
    variants: [
      v('3311', 25, (b) => `鄂尔多斯市${b}钢结构有限公司`),
      v('35', 20, (b) => `鄂尔多斯市${b}煤机装备制造有限公司`),
      v('3825', 12, (b) => `内蒙古${b}光伏科技有限公司`),
      v('3841', 8, (b) => `鄂尔多斯市${b}新能源电池有限公司`),
      v('4210', 15, (b, d) => `${d}${b}再生资源有限公司`),
      v('43', 20, (b) => `鄂尔多斯市${b}机电设备维修有限公司`),
    ],
    sectors: ['industry_trade'],
    inPark: 0.5,
    employees: [10, 600],
    above: 0.4,
    levels: LOW,
  },
  {
    key: 'thermal_power',
    weight: 25,
    districts: {
      '150622': 25,
      '150621': 25,
      '150624': 20,
      '150627': 12,
      '150602': 6,
      '150626': 6,
      '150623': 6,
    },
    variants: [
      v(
        '4411',
        60,
        (b) => `内蒙古${b}发电有限责任公司`,
        (b) => `鄂尔多斯市${b}电力有限责任公司`,
      ),
      v('4412', 40, (b) => `鄂尔多斯市${b}热电有限责任公司`),
    ],
    sectors: ['power'],
    inPark: 0.4,
    employees: [150, 900],
    above: 1,
    levels: HIGH,
    rural: true,
  },
  {
    key: 'renewables',
    weight: 40,
    districts: { '150625': 25, '150623': 20, '150624': 20, '150626': 15, '150621': 15, '150622': 5 },
    variants: [
      v(
        '4416',
        65,
        (b) => `内蒙古${b}光伏发电有限公司`,
        (b, d) => `${d}${b}新能源有限公司`,
      ),
      v('4415', 35, (b) => `鄂尔多斯市${b}风力发电有限公司`),
    ],
    sectors: ['power'],
    employees: [8, 80],
    above: 0.8,
    levels: LOW,
    rural: true,
  },
  {
    key: 'utilities',
    weight: 20,
    districts: URBAN,
    variants: [
      v('4430', 55, (b, d) => `${d}${b}热力有限责任公司`),
      v('4610', 45, (b, d) => `${d}${b}水务有限责任公司`),
    ],
    sectors: [],
    employees: [30, 400],
    above: 0.7,
    levels: LOW,
  },
  {
    key: 'oil_gas',
    weight: 25,
    districts: { '150626': 50, '150625': 20, '150623': 15, '150624': 10, '150627': 5 },
    variants: [
      v(
        '0721',
        45,
        (b) => `内蒙古${b}天然气开发有限公司`,
        (b) => `鄂尔多斯市${b}油气开发有限责任公司`,
      ),
      v(
        '1120',
        55,
        (b) => `鄂尔多斯市${b}石油技术服务有限公司`,
        (b, d) => `${d}${b}油田服务有限公司`,
      ),
    ],
    sectors: ['oil_gas'],
    employees: [20, 600],
    above: 0.6,
    levels: MID,
    rural: true,
  },
  {
    key: 'commerce',
    weight: 110,
    districts: URBAN,
    variants: [
      v(
        '5211',
        15,
        (b, d) => `${d}${b}购物中心有限公司`,
        (b) => `鄂尔多斯市${b}百货有限责任公司`,
      ),
      v(
        '5212',
        30,
        (b) => `鄂尔多斯市${b}超市有限公司`,
        (b, d) => `${d}${b}生活超市`,
      ),
      v('5165', 25, (b, d) => `${d}${b}建材销售有限公司`),
      v(
        '6210',
        30,
        (b, d) => `${d}${b}餐饮有限公司`,
        (b, d) => `${d}${b}饭店`,
      ),
    ],
    sectors: ['commerce'],
    employees: [3, 300],
    above: 0.15,
    levels: NONE,
    usccType: [
      ['91', 85],
      ['92', 15],
    ],
  },
  {
    key: 'tourism',
    weight: 40,
    districts: {
      '150621': 20,
      '150627': 20,
      '150603': 18,
      '150602': 20,
      '150623': 6,
      '150625': 6,
      '150622': 6,
      '150624': 4,
    },
    variants: [
      v(
        '78',
        45,
        (b) => `鄂尔多斯市${b}旅游发展有限公司`,
        (b, d) => `${d}${b}文化旅游有限责任公司`,
      ),
      v(
        '6110',
        55,
        (b) => `鄂尔多斯${b}大酒店有限公司`,
        (b, d) => `${d}${b}宾馆有限公司`,
      ),
    ],
    sectors: ['tourism'],
    employees: [10, 400],
    above: 0.3,
    levels: NONE,
  },
  {
    key: 'school',
    weight: 30,
    districts: URBAN,
    variants: [
      v(
        '83',
        1,
        (_b, d, t) => `${d}${t}中心学校`,
        (b) => `鄂尔多斯市${b}学校`,
        (b, d) => `${d}${b}幼儿园`,
      ),
    ],
    sectors: ['education'],
    employees: [25, 300],
    above: 0,
    levels: [['none', 1]],
    usccType: [
      ['12', 60],
      ['52', 40],
    ],
  },
  {
    key: 'hospital',
    weight: 15,
    districts: URBAN,
    variants: [
      v(
        '8411',
        40,
        (b) => `鄂尔多斯${b}医院`,
        (b, d) => `${d}${b}综合医院`,
      ),
      v(
        '84',
        60,
        (_b, d, t) => `${d}${t}卫生院`,
        (b, d) => `${d}${b}门诊部`,
      ),
    ],
    sectors: ['healthcare'],
    employees: [15, 1500],
    above: 0,
    levels: [['none', 1]],
    usccType: [
      ['12', 55],
      ['52', 45],
    ],
  },
  {
    key: 'elderly_care',
    weight: 8,
    districts: URBAN,
    variants: [
      v(
        '8514',
        1,
        (b, d) => `${d}${b}养老院`,
        (b) => `鄂尔多斯市${b}老年公寓`,
      ),
    ],
    sectors: ['elderly_care'],
    employees: [8, 120],
    above: 0,
    levels: [['none', 1]],
    usccType: [['52', 1]],
  },
  {
    key: 'husbandry',
    weight: 15,
    districts: { '150621': 25, '150625': 20, '150626': 20, '150623': 15, '150624': 10, '150627': 10 },
    variants: [
      v('0314', 60, (b, _d, t) => `${t}${b}养殖专业合作社`),
      v('0311', 40, (b) => `内蒙古${b}牧业有限公司`),
    ],
    sectors: ['agriculture'],
    employees: [3, 60],
    above: 0.1,
    levels: [['none', 1]],
    usccType: [
      ['93', 60],
      ['91', 40],
    ],
    rural: true,
  },
  {
    key: 'special_equipment',
    weight: 10,
    districts: URBAN,
    variants: [
      v(
        '4920',
        1,
        (b) => `鄂尔多斯市${b}电梯工程有限公司`,
        (b, d) => `${d}${b}锅炉安装有限公司`,
      ),
    ],
    sectors: ['special_equipment'],
    employees: [8, 120],
    above: 0.2,
    levels: NONE,
  },
];

// ---------------------------------------------------------------------------------------------
// Names, people and codes

const BRAND_FIRST = [
  ...'鑫宏恒金华泰瑞盛兴隆源达昌德丰富嘉聚凯利明鹏荣顺天通万伟祥新亿永裕远振正中众卓博诚晨创东鼎广海和弘鸿汇吉佳锦晶骏坤蓝联茂美蒙诺磐奇乾庆润尚圣世拓威星旭扬耀银宇元悦泽长兆志智',
];
const BRAND_SECOND = [...'泰达源盛丰华兴通安昌宇晟鑫隆远瑞峰恒祥和信正益翔凯诚成德利辉宏锦腾旺驰海川顺鼎润'];
const BRAND_SPECIAL = [
  '草原',
  '天骄',
  '苏里格',
  '库布其',
  '毛乌素',
  '黄河',
  '蒙西',
  '乌兰',
  '巴音',
  '伊克',
  '阿尔巴斯',
  '西部',
];

const SURNAMES = [
  ...'王王王李李李张张张刘刘陈陈杨杨赵赵黄周吴徐孙马马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔汤奥包乌云',
];
const MALE_GIVEN = [...'军伟强磊勇杰涛斌超明刚平辉鹏华飞鑫波宁亮建国峰俊龙海东林文志国庆生荣胜利振兴'];
const FEMALE_GIVEN = [...'芳娜敏静丽艳娟霞秀英华玲红梅琳燕萍雪慧莉颖婷洁兰凤琴'];
const MONGOLIAN_MALE = [
  '巴特尔',
  '额尔敦',
  '朝鲁',
  '苏和',
  '宝音',
  '乌力吉',
  '那顺',
  '阿拉坦仓',
  '哈斯',
  '巴图',
  '孟和',
  '毕力格',
];
const MONGOLIAN_FEMALE = ['其其格', '萨仁', '乌云', '娜仁', '斯琴', '托娅', '高娃', '图雅', '格日乐', '乌兰'];

/** Resident-ID address codes: Ordos today, the former 伊克昭盟 codes [M], and neighbouring cities. */
const ID_AREAS: ReadonlyArray<readonly [string, number]> = [
  ['150602', 14],
  ['150621', 8],
  ['150622', 10],
  ['150623', 3],
  ['150624', 5],
  ['150625', 3],
  ['150626', 4],
  ['150627', 8],
  ['152701', 8],
  ['152722', 4],
  ['152723', 5],
  ['152725', 3],
  ['152727', 2],
  ['152728', 4],
  ['150102', 3],
  ['150105', 3],
  ['150203', 4],
  ['150204', 2],
  ['150302', 4],
];
const MOBILE_PREFIXES = [
  ...'134 135 136 137 138 139 147 150 151 152 157 158 159 182 183 187 188 130 131 132 155 156 185 186 133 153 177 180 181 189 199'.split(
    ' ',
  ),
];
const ROADS = [
  '工业大道',
  '园区路',
  '创业路',
  '纬一路',
  '纬二路',
  '纬三路',
  '经一路',
  '经二路',
  '经五路',
  '兴业街',
  '团结路',
  '建设路',
  '新华街',
  '民族街',
  '振兴路',
  '滨河路',
  '富民路',
  '文化路',
];
const VILLAGE_FIRST = [...'柳马西东沙新巴乌杨王李高黑白红'];
const VILLAGE_SECOND = ['树湾', '家塔', '沟', '梁', '家圪旦', '庙', '家渠', '家峁', '召', '敖包'];

const MAX_ID_DATE = Date.UTC(1995, 11, 31);
const MIN_ID_DATE = Date.UTC(1960, 0, 1);

function brand(r: Rng): string {
  if (chance(r, 0.06)) return pick(r, BRAND_SPECIAL) + pick(r, BRAND_SECOND);
  const a = pick(r, BRAND_FIRST);
  let b = pick(r, BRAND_SECOND);
  while (b === a) b = pick(r, BRAND_SECOND);
  return a + b;
}

function person(r: Rng): EnterpriseCreate['principal'] {
  const female = chance(r, 0.22);
  let name: string;
  if (chance(r, 0.08)) {
    name = pick(r, female ? MONGOLIAN_FEMALE : MONGOLIAN_MALE);
  } else {
    const given = female ? FEMALE_GIVEN : MALE_GIVEN;
    name = pick(r, SURNAMES) + pick(r, given) + (chance(r, 0.7) ? pick(r, given) : '');
  }
  const birth = new Date(MIN_ID_DATE + Math.floor(r() * (MAX_ID_DATE - MIN_ID_DATE)));
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  let seq = int(r, 0, 999);
  if ((seq % 2 === 0) !== female) seq = (seq + 1) % 1000;
  const idNumber = withResidentIdCheck(weighted(r, ID_AREAS) + ymd + String(seq).padStart(3, '0'));
  const phone = pick(r, MOBILE_PREFIXES) + String(int(r, 0, 99_999_999)).padStart(8, '0');
  return { name, phone, idNumber };
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const orgValue = (c: string) => (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55);

/** A 9-character organisation code (GB 11714) with its own check character, in the USCC charset. */
function orgCode(r: Rng): string {
  let body: string;
  if (chance(r, 0.65)) {
    body = 'MA';
    for (let i = 0; i < 6; i++) body += USCC_CHARSET[int(r, 0, 30)];
  } else {
    body = '';
    for (let i = 0; i < 8; i++) body += String(int(r, 0, 9));
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

const shortTown = (t: string) => t.replace(/(街道|苏木|镇|乡)$/, '');
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---------------------------------------------------------------------------------------------
// The named demo enterprise

/** The named demo hazardous-chemicals enterprise holding a major hazard installation (fictional). */
export const DEMO_ENTERPRISE: EnterpriseCreate = {
  name: '鄂尔多斯市伊金霍洛旗圣圆能源化工有限公司',
  uscc: '91150627MA0RDN0Q8T',
  districtCode: '150627',
  industryCode: '2523',
  address: '内蒙古自治区鄂尔多斯市伊金霍洛旗札萨克镇圣圆煤化工基地纬二路8号',
  location: { lng: 109.421, lat: 39.223 },
  sectors: ['hazardous_chemicals'],
  categories: ['hazmat_major_hazard'],
  scale: 'above',
  standardizationLevel: 'level2',
  employees: 1260,
  principal: { name: '王建军', phone: '13904771234', idNumber: '150627197803150510' },
  actualController: { name: '李秀兰', phone: '13704775678', idNumber: '152701196907230047' },
  status: 'operating',
};

// ---------------------------------------------------------------------------------------------
// Generator

const ARCH_WEIGHTS = ARCHETYPES.map((a) => [a, a.weight] as const);
const DISTRICT_NAMES = new Map<string, string>(DISTRICTS.map((d) => [d.code, d.name]));

/**
 * `count` synthetic enterprises, the same for the same seed. Each passes `enterpriseCreateSchema`;
 * USCCs are unique, carry the district code in positions 3–8 and never equal DEMO_ENTERPRISE's.
 * departmentIds are left for the server to derive.
 */
export function generateDemoEnterprises(count: number, seed = 20240601): EnterpriseCreate[] {
  const r = mulberry32(seed);
  const usccs = new Set<string>([DEMO_ENTERPRISE.uscc]);
  const names = new Set<string>([DEMO_ENTERPRISE.name]);
  const out: EnterpriseCreate[] = [];

  for (let n = 0; n < count; n++) {
    const a = weighted(r, ARCH_WEIGHTS);
    const districtCode = weighted(r, Object.entries(a.districts) as Array<[DistrictCode, number]>);
    const dName = DISTRICT_NAMES.get(districtCode)!;
    const geo = ORDOS_GEO[districtCode];
    const variant = weighted(
      r,
      a.variants.map((x) => [x, x.weight] as const),
    );

    const park = geo.parks.length > 0 && chance(r, a.inPark ?? 0) ? pick(r, geo.parks) : undefined;
    // Mines, plants and farms sit in towns and sumu, not in urban sub-districts (街道).
    const towns = a.rural ? geo.towns.filter((t) => !t.name.endsWith('街道')) : geo.towns;
    const townName = park?.town ?? pick(r, towns.length > 0 ? towns : geo.towns).name;
    const town = geo.towns.find((t) => t.name === townName)!;
    const anchor: Place = park ?? town;

    let name = '';
    for (let attempt = 0; attempt < 30 && (name === '' || names.has(name)); attempt++) {
      const b = attempt < 20 ? brand(r) : brand(r) + pick(r, BRAND_SECOND);
      name = pick(r, variant.names)(b, dName, shortTown(town.name));
    }
    names.add(name);

    const type = a.usccType ? weighted(r, a.usccType) : '91';
    let uscc: string;
    do uscc = withUsccCheck(type + districtCode + orgCode(r));
    while (usccs.has(uscc));
    usccs.add(uscc);

    const spread = park ? 0.02 : 0.06;
    const [minLng, minLat, maxLng, maxLat] = geo.box;
    const location = {
      lng: round6(clamp(anchor.lng + (r() - 0.5) * 2 * spread, minLng, maxLng)),
      lat: round6(clamp(anchor.lat + (r() - 0.5) * 2 * spread * 0.7, minLat, maxLat)),
    };

    const detail = park
      ? `${park.name}${pick(r, ROADS)}${int(r, 1, 99)}号`
      : a.rural
        ? `${pick(r, VILLAGE_FIRST)}${pick(r, VILLAGE_SECOND)}${chance(r, 0.3) ? '嘎查' : '村'}`
        : `${pick(r, ROADS)}${int(r, 1, 299)}号`;

    const categories: CategoryCode[] = [];
    for (const [c, p] of a.categories ?? []) if (chance(r, p)) categories.push(c);

    const [lo, hi] = a.employees;
    const employees = Math.round(lo + (hi - lo) * r() ** 2);
    const principal = person(r);
    const actualController = chance(r, 0.45) ? { ...principal } : person(r);
    const s = r();

    out.push({
      name,
      uscc,
      districtCode,
      industryCode: variant.industry,
      address: `内蒙古自治区鄂尔多斯市${dName}${town.name}${detail}`,
      location,
      sectors: [...a.sectors],
      categories,
      scale: chance(r, a.above) ? 'above' : 'below',
      standardizationLevel: weighted(r, a.levels),
      employees,
      principal,
      actualController,
      status: s < 0.93 ? 'operating' : s < 0.98 ? 'suspended' : 'closed',
    });
  }
  return out;
}
