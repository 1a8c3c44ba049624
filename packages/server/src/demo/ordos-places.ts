import type { DistrictCode } from '@zhiben/domain';

/**
 * Rough geography of Ordos for synthetic demo data: a bounding box per district and the towns
 * (镇、苏木、乡、街道) and industrial parks named in addresses. Names are real; coordinates are
 * approximate centres [M: hand-placed, good to a few km at best], and generated points are jittered
 * around them and clamped to the district box. Not for any real geocoding.
 */
export interface Place {
  name: string;
  lng: number;
  lat: number;
}

export interface Park extends Place {
  /** Town the park lies in, for the address. */
  town: string;
}

export interface DistrictGeo {
  /** [minLng, minLat, maxLng, maxLat] */
  box: readonly [number, number, number, number];
  towns: readonly Place[];
  parks: readonly Park[];
}

export const ORDOS_GEO: Record<DistrictCode, DistrictGeo> = {
  '150602': {
    box: [109.4, 39.6, 110.4, 40.05],
    towns: [
      { name: '交通街道', lng: 109.99, lat: 39.82 },
      { name: '建设街道', lng: 109.97, lat: 39.81 },
      { name: '富兴街道', lng: 110.0, lat: 39.8 },
      { name: '天骄街道', lng: 109.95, lat: 39.83 },
      { name: '诃额伦街道', lng: 110.02, lat: 39.84 },
      { name: '巴音门克街道', lng: 109.96, lat: 39.79 },
      { name: '罕台镇', lng: 109.85, lat: 39.85 },
      { name: '铜川镇', lng: 110.12, lat: 39.95 },
      { name: '泊江海子镇', lng: 109.55, lat: 39.75 },
    ],
    parks: [],
  },
  '150603': {
    box: [109.65, 39.52, 109.95, 39.68],
    towns: [
      { name: '哈巴格希街道', lng: 109.79, lat: 39.61 },
      { name: '青春山街道', lng: 109.76, lat: 39.6 },
      { name: '滨河街道', lng: 109.81, lat: 39.59 },
      { name: '康新街道', lng: 109.85, lat: 39.62 },
    ],
    parks: [],
  },
  '150621': {
    box: [109.0, 40.0, 110.95, 40.5],
    towns: [
      { name: '树林召镇', lng: 110.04, lat: 40.4 },
      { name: '王爱召镇', lng: 109.85, lat: 40.33 },
      { name: '白泥井镇', lng: 110.4, lat: 40.32 },
      { name: '吉格斯太镇', lng: 110.7, lat: 40.27 },
      { name: '昭君镇', lng: 109.55, lat: 40.38 },
      { name: '展旦召苏木', lng: 109.3, lat: 40.38 },
      { name: '中和西镇', lng: 109.1, lat: 40.35 },
      { name: '风水梁镇', lng: 110.22, lat: 40.3 },
      { name: '恩格贝镇', lng: 109.4, lat: 40.35 },
    ],
    parks: [{ name: '达拉特经济开发区', town: '王爱召镇', lng: 109.95, lat: 40.34 }],
  },
  '150622': {
    box: [110.35, 39.35, 111.45, 40.3],
    towns: [
      { name: '薛家湾镇', lng: 111.23, lat: 39.87 },
      { name: '沙圪堵镇', lng: 111.05, lat: 39.6 },
      { name: '大路镇', lng: 111.15, lat: 40.05 },
      { name: '龙口镇', lng: 111.38, lat: 39.45 },
      { name: '纳日松镇', lng: 110.85, lat: 39.72 },
      { name: '魏家峁镇', lng: 110.95, lat: 39.9 },
      { name: '准格尔召镇', lng: 110.55, lat: 39.85 },
      { name: '布尔陶亥苏木', lng: 110.6, lat: 40.1 },
      { name: '暖水乡', lng: 110.7, lat: 39.6 },
      { name: '十二连城乡', lng: 110.9, lat: 40.2 },
    ],
    parks: [
      { name: '准格尔经济开发区', town: '薛家湾镇', lng: 111.2, lat: 39.92 },
      { name: '大路工业园区', town: '大路镇', lng: 111.13, lat: 40.07 },
    ],
  },
  '150623': {
    box: [106.7, 37.6, 108.6, 38.75],
    towns: [
      { name: '敖勒召其镇', lng: 107.48, lat: 38.18 },
      { name: '上海庙镇', lng: 106.95, lat: 38.3 },
      { name: '城川镇', lng: 108.05, lat: 37.95 },
      { name: '昂素镇', lng: 107.85, lat: 38.4 },
    ],
    parks: [{ name: '上海庙经济开发区', town: '上海庙镇', lng: 106.98, lat: 38.32 }],
  },
  '150624': {
    box: [106.7, 38.7, 108.85, 40.1],
    towns: [
      { name: '乌兰镇', lng: 107.98, lat: 39.1 },
      { name: '棋盘井镇', lng: 107.05, lat: 39.35 },
      { name: '蒙西镇', lng: 106.98, lat: 39.55 },
      { name: '木凯淖尔镇', lng: 107.65, lat: 38.95 },
      { name: '阿尔巴斯苏木', lng: 107.4, lat: 39.65 },
      { name: '苏米图苏木', lng: 108.3, lat: 38.95 },
    ],
    parks: [
      { name: '鄂托克经济开发区', town: '棋盘井镇', lng: 107.08, lat: 39.33 },
      { name: '鄂托克经济开发区', town: '蒙西镇', lng: 106.99, lat: 39.52 },
    ],
  },
  '150625': {
    box: [107.15, 39.3, 109.3, 40.85],
    towns: [
      { name: '锡尼镇', lng: 108.73, lat: 39.83 },
      { name: '独贵塔拉镇', lng: 108.05, lat: 40.45 },
      { name: '吉日嘎朗图镇', lng: 108.35, lat: 40.1 },
      { name: '呼和木独镇', lng: 108.55, lat: 40.5 },
      { name: '伊和乌素苏木', lng: 107.6, lat: 39.6 },
      { name: '巴拉贡镇', lng: 107.5, lat: 40.25 },
      { name: '塔然高勒镇', lng: 109.05, lat: 39.7 },
    ],
    parks: [{ name: '独贵塔拉工业园区', town: '独贵塔拉镇', lng: 108.1, lat: 40.42 }],
  },
  '150626': {
    box: [108.15, 37.65, 109.65, 39.2],
    towns: [
      { name: '嘎鲁图镇', lng: 108.84, lat: 38.6 },
      { name: '乌审召镇', lng: 108.95, lat: 39.05 },
      { name: '图克镇', lng: 109.25, lat: 39.05 },
      { name: '无定河镇', lng: 108.8, lat: 37.85 },
      { name: '乌兰陶勒盖镇', lng: 108.35, lat: 38.65 },
      { name: '苏力德苏木', lng: 108.45, lat: 38.35 },
    ],
    // [M] park names as commonly written; the official names of the sub-parks were not checked.
    parks: [
      { name: '苏里格经济开发区图克工业项目区', town: '图克镇', lng: 109.22, lat: 39.08 },
      { name: '乌审召工业园区', town: '乌审召镇', lng: 108.98, lat: 39.02 },
    ],
  },
  '150627': {
    box: [109.15, 38.95, 110.45, 39.65],
    towns: [
      { name: '阿勒腾席热镇', lng: 109.74, lat: 39.57 },
      { name: '乌兰木伦镇', lng: 110.2, lat: 39.3 },
      { name: '札萨克镇', lng: 109.4, lat: 39.25 },
      { name: '纳林陶亥镇', lng: 110.15, lat: 39.45 },
      { name: '红庆河镇', lng: 109.6, lat: 39.05 },
      { name: '伊金霍洛镇', lng: 109.78, lat: 39.38 },
      { name: '苏布尔嘎镇', lng: 109.45, lat: 39.42 },
    ],
    // [M] the town the base lies in.
    parks: [{ name: '圣圆煤化工基地', town: '札萨克镇', lng: 109.42, lat: 39.22 }],
  },
};
