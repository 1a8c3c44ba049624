/**
 * The safety-measure checklists of the Appendix A forms (domain-facts §1.12). Each form row has
 * "applies?" (是否涉及) and a confirmer (确认人); free-text "other measures" carry their author (编制人).
 *
 * [GAP] domain-facts gives only how many rows each form has (hot work 16, confined space 15, blind plate
 * 11, height 15, lifting 20, temporary electricity 14, excavation 11, road breaking 4), not the rows'
 * wording. The items below are the measures domain-facts states from the standard's body text (§4–§12),
 * paraphrased; each list is therefore shorter than its form (`formRows` vs `items.length`) and the missing
 * rows must be taken from the official Appendix A before the forms are printed. Item codes are stable.
 */
import type { PermitType } from './types';

export interface ChecklistItem {
  code: string;
  text: string;
}
export interface Checklist {
  /** Rows on the standard's form [V]. */
  formRows: number;
  /** Known measures, paraphrased from the body text; fewer than formRows ([GAP]). */
  items: readonly ChecklistItem[];
}

export const PERMIT_CHECKLISTS: Record<PermitType, Checklist> = {
  hot_work: {
    formRows: 16,
    items: [
      { code: 'hw_no_gas_release_30m', text: '动火点周围30 m内无可燃气体排放' },
      { code: 'hw_no_liquid_release_15m', text: '动火点周围15 m内无可燃液体排放' },
      { code: 'hw_no_solvent_10m', text: '动火点10 m内及上下方无溶剂清洗、喷漆作业' },
      { code: 'hw_no_dust_sweeping_10m', text: '动火点10 m内无可燃性粉尘清扫作业' },
      { code: 'hw_leaks_isolated_15m', text: '动火点15 m内设备泄漏已隔离' },
      { code: 'hw_welder_within_10m', text: '电焊机距动火点不超过10 m，否则视为动火点' },
      {
        code: 'hw_cylinders_spacing',
        text: '氧气瓶与乙炔瓶间距不小于5 m，距动火点不小于10 m；乙炔瓶直立并有回火防止器',
      },
      { code: 'hw_railway_25m', text: '厂内铁路25 m内有危险化学品车辆通过或停留时停止作业' },
      { code: 'hw_no_draining_in_dike', text: '同一罐区防火堤内无切水、采样作业' },
      { code: 'hw_special_video', text: '特级：防爆摄像设备全过程录像' },
      { code: 'hw_special_plan', text: '特级：制定专项作业方案' },
      { code: 'hw_special_positive_pressure', text: '特级：设备或管道内保持微正压' },
    ],
  },
  confined_space: {
    formRows: 15,
    items: [
      {
        code: 'cs_isolated_by_blinds',
        text: '与受限空间连通的管道已加盲板或拆除一段管道隔离（不得以水封或关闭阀门代替）',
      },
      { code: 'cs_power_locked_out', text: '动力设备已切断电源并上锁挂牌' },
      { code: 'cs_gas_tested', text: '进入前30 min内完成上、中、下代表性气体分析' },
      { code: 'cs_continuous_monitoring', text: '作业中使用便携式检测仪连续监测，每2 h记录一次' },
      {
        code: 'cs_lighting_voltage',
        text: '照明电压不大于36 V，潮湿狭小容器内不大于12 V；盛装过易燃物的容器使用防爆灯具',
      },
      { code: 'cs_no_oxygen_supply', text: '严禁通入纯氧或富氧空气' },
      { code: 'cs_guardian_outside', text: '监护人在外监护，登记进出人员和工器具并清点' },
      { code: 'cs_wash_water_30m', text: '接触腐蚀性介质时30 m内设应急冲洗水' },
    ],
  },
  blind_plate: {
    formRows: 11,
    items: [
      { code: 'bp_location_drawing', text: '有盲板位置图，盲板编号与图一致并挂牌' },
      { code: 'bp_depressurised', text: '系统已降至常压' },
      { code: 'bp_no_parallel_same_line', text: '同一管道上未同时进行两处及以上盲板抽堵作业' },
      { code: 'bp_no_hot_work_30m', text: '火灾爆炸危险场所作业时30 m内无动火作业' },
      {
        code: 'bp_portable_detector',
        text: '涉及硫化氢、氯气、氨气、一氧化碳及氰化物时佩戴便携式气体检测仪',
      },
    ],
  },
  height: {
    formRows: 15,
    items: [
      { code: 'ht_weather', text: '无5级及以上强风、浓雾等恶劣天气' },
      { code: 'ht_comms_above_30m', text: '作业高度30 m以上时配备通信联络工具' },
      { code: 'ht_double_protection_24m', text: '交叉作业坠落高度24 m以上时设双层防护' },
    ],
  },
  lifting: {
    formRows: 20,
    items: [
      { code: 'lf_plan', text: '一级、二级吊装作业已编制吊装方案（三级复杂或特殊条件下亦需）' },
      { code: 'lf_weather', text: '室外无大雪、暴雨、大雾及6级及以上大风' },
      { code: 'lf_multi_crane_80', text: '多台起重机吊同一重物时，每台载荷不超过其额定能力的80%' },
    ],
  },
  temp_power: {
    formRows: 14,
    items: [
      { code: 'tp_gas_test', text: '在运行的火灾爆炸危险装置、罐区接电前已按5.3.2进行可燃气体分析' },
      { code: 'tp_no_generator_to_grid', text: '移动式或自备发电机未接入电网' },
      { code: 'tp_insulation_500v', text: '绝缘导线额定电压不低于500 V' },
      { code: 'tp_overhead_height', text: '架空线路距作业现场不低于2.5 m，距机动车道不低于5 m' },
      { code: 'tp_buried_depth', text: '埋地电缆深度不小于0.7 m' },
      { code: 'tp_rcd_per_circuit', text: '每条回路设漏电保护器，一机一闸一保护' },
      { code: 'tp_no_resupply', text: '未经批准不得向其他单位转供电、增加负荷或变更地点' },
    ],
  },
  excavation: {
    formRows: 11,
    items: [
      { code: 'ex_spoil', text: '挖出的土石距坑边不小于1 m，堆高不大于1.5 m' },
      { code: 'ex_hand_dig_near_lines', text: '距管道1 m内人工挖掘，直埋管线2 m内宜人工挖掘' },
      { code: 'ex_exit_over_2m', text: '深度超过2 m时设梯子等快速撤离设施' },
      { code: 'ex_diggers_apart_2m', text: '两人以上同时挖掘时相距不小于2 m' },
      { code: 'ex_confined_rules', text: '生产装置区、罐区深度超过1.2 m时执行受限空间作业规定' },
    ],
  },
  road_closure: {
    formRows: 4,
    items: [
      { code: 'rc_traffic_plan', text: '已制定交通组织方案，保证消防车通行' },
      {
        code: 'rc_signs_or_controller',
        text: '设置警示标志；短时作业（白天2 h、夜间1 h内）可由交通指挥人员配合警示设施替代',
      },
      { code: 'rc_night_lamps', text: '夜间设警示灯，高度约1.5 m（不低于1.0 m），150 m外可见' },
    ],
  },
};

/** A blank checklist for a new permit of this type: every known row, not yet marked. */
export function blankMeasures(type: PermitType): { code: string; applies: boolean; confirmer?: string }[] {
  return PERMIT_CHECKLISTS[type].items.map((i) => ({ code: i.code, applies: false }));
}
