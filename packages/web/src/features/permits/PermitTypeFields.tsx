import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Button } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  HEIGHT_CONDITIONS,
  HOT_WORK_GRADES,
  OBJECTIVE_FACTORS,
  PERMIT_TYPES,
  type PermitType,
} from '@zhiben/domain';

const req = [{ required: true, message: '必填' }];
const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };
const d = (k: string) => ['details', k];

function Wind() {
  return (
    <Col {...third}>
      <Form.Item name={d('windForce')} label="风力（级）">
        <InputNumber min={0} max={17} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
}
function Outdoor() {
  return (
    <Col {...third}>
      <Form.Item name={d('outdoor')} label="室外作业" valuePropName="checked" initialValue={false}>
        <Checkbox>是</Checkbox>
      </Form.Item>
    </Col>
  );
}

/** The fields of each Appendix A form that only its type has. */
export function PermitTypeFields({ type }: { type: PermitType }) {
  switch (type) {
    case 'hot_work':
      return (
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name={d('grade')} label="动火级别（按作业部位）" rules={req} initialValue="level2">
              <Radio.Group
                optionType="button"
                options={HOT_WORK_GRADES.map((g) => ({ value: g.code, label: g.name }))}
              />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('method')} label="动火方式" rules={req}>
              <Input placeholder="如：电焊、气割、打磨" />
            </Form.Item>
          </Col>
          <Outdoor />
          <Wind />
          <Col {...third}>
            <Form.Item
              name={d('oxygenEquipment')}
              label="在生产、使用、储存氧气的设备上动火"
              valuePropName="checked"
              initialValue={false}
            >
              <Checkbox>是（氧含量应≤23.5%）</Checkbox>
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name={d('continuousMonitoring')}
              label="全过程连续气体监测"
              valuePropName="checked"
              initialValue={false}
            >
              <Checkbox>是（特级动火必须）</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      );
    case 'confined_space':
      return (
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name={d('spaceName')} label="受限空间名称" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={d('originalMedium')} label="原有介质" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name={d('oxygenEnriched')}
              label="富氧环境"
              valuePropName="checked"
              initialValue={false}
            >
              <Checkbox>是（氧含量上限23.5%）</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      );
    case 'blind_plate':
      return (
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name={d('action')} label="抽/堵" rules={req} initialValue="insert">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'insert', label: '堵' },
                  { value: 'remove', label: '抽' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('equipment')} label="设备、管道名称" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('pipelineId')} label="管道编号" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('medium')} label="介质" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('temperatureC')} label="温度（℃）" rules={req}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('pressureMPa')} label="压力（MPa）" rules={req}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('plateMaterial')} label="盲板材质" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('plateSize')} label="盲板规格" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('plateNumber')} label="盲板编号" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={d('locationDrawing')} label="盲板位置图（图号或说明）" rules={req}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'height':
      return (
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name={d('heightM')} label="作业高度（m）" rules={req}>
              <InputNumber min={0} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Outdoor />
          <Wind />
          <Col xs={24}>
            <Form.Item
              name={d('objectiveFactors')}
              label="客观危险因素（任一项按B类法分级）"
              initialValue={[]}
            >
              <Checkbox.Group options={OBJECTIVE_FACTORS.map((f) => ({ value: f.code, label: f.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={d('conditions')} label="表B.1 特殊情形" initialValue={[]}>
              <Checkbox.Group options={HEIGHT_CONDITIONS.map((f) => ({ value: f.code, label: f.name }))} />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'lifting':
      return (
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name={d('massT')} label="吊物质量（t）" rules={req}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('gear')} label="吊具名称" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('load')} label="吊物内容" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('craneOperator')} label="起重机械操作人员" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('slinger')} label="司索人员" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('signaller')} label="指挥人员" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('liftingPlan')} label="吊装方案" valuePropName="checked" initialValue={false}>
              <Checkbox>已编制</Checkbox>
            </Form.Item>
          </Col>
          <Outdoor />
          <Wind />
        </Row>
      );
    case 'temp_power':
      return (
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name={d('connectionPoint')} label="电源接入点" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('permittedPowerKW')} label="许可用电功率（kW）" rules={req}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('voltageV')} label="工作电压（V）" rules={req}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.List name={d('equipment')} initialValue={[{}]}>
              {(fields, { add, remove }) => (
                <Form.Item label="用电设备及额定功率">
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'name']} rules={req}>
                        <Input placeholder="设备名称" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'ratedPowerKW']} rules={req}>
                        <InputNumber min={0} placeholder="kW" />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    添加设备
                  </Button>
                </Form.Item>
              )}
            </Form.List>
          </Col>
          <Col {...half}>
            <Form.Item name={d('electricianCertificates')} label="电工证号" rules={req} initialValue={[]}>
              <Select mode="tags" placeholder="输入后回车" open={false} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name={d('inHazardArea')}
              label="在运行的火灾爆炸危险装置、罐区内"
              valuePropName="checked"
              initialValue={false}
            >
              <Checkbox>是（接电前须可燃气体分析）</Checkbox>
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'specialCase', 'reason']} label="特殊情况说明（有效期最长30天）">
              <Input placeholder="一般情况不填（最长15天）" />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'excavation':
      return (
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name={d('scope')} label="作业范围" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('depthM')} label="动土深度（m）" rules={req}>
              <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={d('areaM2')} label="动土面积（m²）" rules={req}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={d('sketch')} label="动土范围示意图（图号或说明）" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name={d('processOrTankArea')}
              label="在生产装置区、罐区"
              valuePropName="checked"
              initialValue={false}
            >
              <Checkbox>是（超过1.2 m执行受限空间规定）</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      );
    case 'road_closure':
      return (
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name={d('reason')} label="断路原因" rules={req}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={d('affectedUnits')} label="涉及相关单位（部门）" initialValue={[]}>
              <Select mode="tags" placeholder="输入后回车" open={false} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={d('sketch')} label="断路地段示意图（图号或说明）" rules={req}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      );
  }
}

export const typeName = (type: string) => PERMIT_TYPES.find((x) => x.code === type)?.name ?? type;

/** Chinese labels of the type-specific fields, for the printed permit. */
export const DETAIL_LABELS: Record<string, string> = {
  grade: '动火级别（按作业部位）',
  method: '动火方式',
  outdoor: '室外作业',
  windForce: '风力（级）',
  oxygenEquipment: '在生产、使用、储存氧气的设备上动火',
  continuousMonitoring: '全过程连续气体监测',
  spaceName: '受限空间名称',
  originalMedium: '原有介质',
  oxygenEnriched: '富氧环境',
  action: '抽/堵',
  equipment: '设备、管道名称 / 用电设备',
  pipelineId: '管道编号',
  medium: '介质',
  temperatureC: '温度（℃）',
  pressureMPa: '压力（MPa）',
  plateMaterial: '盲板材质',
  plateSize: '盲板规格',
  plateNumber: '盲板编号',
  locationDrawing: '盲板位置图',
  actualStart: '实际作业开始时间',
  heightM: '作业高度（m）',
  objectiveFactors: '客观危险因素',
  conditions: '表B.1 特殊情形',
  gear: '吊具名称',
  load: '吊物内容',
  craneOperator: '起重机械操作人员',
  slinger: '司索人员',
  signaller: '指挥人员',
  massT: '吊物质量（t）',
  liftingPlan: '吊装方案已编制',
  connectionPoint: '电源接入点',
  permittedPowerKW: '许可用电功率（kW）',
  voltageV: '工作电压（V）',
  electricianCertificates: '电工证号',
  inHazardArea: '在运行的火灾爆炸危险装置、罐区内',
  specialCase: '特殊情况',
  servesPermit: '所服务的作业票',
  scope: '作业范围',
  depthM: '动土深度（m）',
  areaM2: '动土面积（m²）',
  sketch: '示意图',
  processOrTankArea: '在生产装置区、罐区',
  buriedHazardousLines: '有地下易燃易爆、有毒管线',
  reason: '断路原因',
  affectedUnits: '涉及相关单位（部门）',
};

const CODE_NAMES: Record<string, string> = Object.fromEntries([
  ...HOT_WORK_GRADES.map((g) => [g.code, g.name]),
  ...OBJECTIVE_FACTORS.map((f) => [f.code, f.name]),
  ...HEIGHT_CONDITIONS.map((c) => [c.code, c.name]),
  ['insert', '堵'],
  ['remove', '抽'],
]);

/** A detail value as the printed form shows it. */
export function detailText(v: unknown): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(detailText).join('、');
  if (v && typeof v === 'object') return Object.values(v).map(detailText).join(' ');
  const s = String(v);
  return CODE_NAMES[s] ?? s;
}
