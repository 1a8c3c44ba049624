import { useMemo } from 'react';
import { Alert, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Tag } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  deriveDepartmentIds,
  enterpriseCreateSchema,
  INDUSTRIES,
  isDistrictCode,
  locationSchema,
  personSchema,
  REGULATOR_ONLY_ENTERPRISE_FIELDS,
} from '@zhiben/domain';
import { useOrganizations } from '../../api/organizations';
import { useLabels } from '../../lib/labels';
import { emptyToUndefined, zodRule } from '../../lib/zod-form';
import type { EnterpriseFormValues } from './enterprise-form-model';

const S = enterpriseCreateSchema.shape;
const P = personSchema.shape;

interface Props {
  form: FormInstance<EnterpriseFormValues>;
  initialValues: EnterpriseFormValues;
  onFinish: (v: EnterpriseFormValues) => void;
  /** Editing a record whose departments were set by hand: "auto" then means restoring. */
  overridden?: boolean;
  /** Enterprise users may not change fields that belong to the regulator. */
  regulatorFieldsLocked?: boolean;
}

function PersonFields({ prefix, title }: { prefix: 'principal' | 'actualController'; title: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name={[prefix, 'name']}
            label={t('enterprise.personName')}
            rules={[zodRule(P.name)]}
            required
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[prefix, 'phone']}
            label={t('enterprise.phone')}
            rules={[zodRule(P.phone)]}
            required
          >
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[prefix, 'idNumber']}
            label={t('enterprise.idNumber')}
            rules={[zodRule(P.idNumber)]}
            required
          >
            <Input maxLength={18} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

export function EnterpriseForm({ form, initialValues, onFinish, overridden, regulatorFieldsLocked }: Props) {
  const { t } = useTranslation();
  const l = useLabels();
  const orgs = useOrganizations();
  const locked = (field: (typeof REGULATOR_ONLY_ENTERPRISE_FIELDS)[number]) =>
    !!regulatorFieldsLocked && REGULATOR_ONLY_ENTERPRISE_FIELDS.includes(field);

  const districtCode = Form.useWatch('districtCode', form);
  const industryCode = Form.useWatch('industryCode', form);
  const sectors = Form.useWatch('sectors', form);
  const deptMode = Form.useWatch('deptMode', form) ?? initialValues.deptMode;

  const departments = useMemo(() => (orgs.data ?? []).filter((o) => o.kind === 'department'), [orgs.data]);
  const deptName = (id: string) => departments.find((d) => d.id === id)?.[l.en ? 'nameEn' : 'name'] ?? id;
  const deptOptions = useMemo(() => {
    const label = (o: (typeof departments)[number]) => (l.en ? o.nameEn : o.name);
    const city = departments.filter((d) => d.level === 'city');
    const district = departments.filter((d) => d.level === 'district' && d.regionCode === districtCode);
    return [
      { label: t('enterprise.cityLevel'), options: city.map((d) => ({ value: d.id, label: label(d) })) },
      {
        label: t('enterprise.districtLevel'),
        options: district.map((d) => ({ value: d.id, label: label(d) })),
      },
    ];
  }, [departments, districtCode, l.en, t]);

  // The same rule the server applies, shown before saving.
  const derived =
    districtCode && isDistrictCode(districtCode) && industryCode
      ? deriveDepartmentIds(districtCode, industryCode, sectors ?? [])
      : [];

  const coord = (axis: 'lng' | 'lat') => zodRule(locationSchema.shape[axis].optional(), emptyToUndefined);

  return (
    <Form<EnterpriseFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      scrollToFirstError={{ block: 'center' }}
      data-testid="enterprise-form"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('enterprise.basic')}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('enterprise.name')} rules={[zodRule(S.name)]} required>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="uscc" label={t('enterprise.uscc')} rules={[zodRule(S.uscc)]} required>
                <Input maxLength={18} disabled={locked('uscc')} style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="districtCode"
                label={t('enterprise.districtCode')}
                rules={[zodRule(S.districtCode)]}
                required
              >
                <Select options={l.districtOptions} disabled={locked('districtCode')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="industryCode"
                label={t('enterprise.industryCode')}
                rules={[zodRule(S.industryCode)]}
                required
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={INDUSTRIES.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="address"
                label={t('enterprise.address')}
                rules={[zodRule(S.address, emptyToUndefined)]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name={['location', 'lng']}
                label={t('enterprise.lng')}
                rules={[
                  coord('lng'),
                  ({ getFieldValue }) => ({
                    required: getFieldValue(['location', 'lat']) != null,
                    message: locationSchema.shape.lng.safeParse(undefined).error?.issues[0]?.message,
                  }),
                ]}
                dependencies={[['location', 'lat']]}
              >
                <InputNumber style={{ width: '100%' }} step={0.000001} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name={['location', 'lat']}
                label={t('enterprise.lat')}
                rules={[
                  coord('lat'),
                  ({ getFieldValue }) => ({
                    required: getFieldValue(['location', 'lng']) != null,
                    message: locationSchema.shape.lat.safeParse(undefined).error?.issues[0]?.message,
                  }),
                ]}
                dependencies={[['location', 'lng']]}
              >
                <InputNumber style={{ width: '100%' }} step={0.000001} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="employees"
                label={t('enterprise.employees')}
                rules={[zodRule(S.employees, emptyToUndefined)]}
              >
                <InputNumber style={{ width: '100%' }} min={0} precision={0} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="scale" label={t('enterprise.scale')} rules={[zodRule(S.scale)]} required>
                <Select options={l.scaleOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="sectors" label={t('enterprise.sectors')} rules={[zodRule(S.sectors)]}>
                <Select
                  mode="multiple"
                  options={l.sectorOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="categories" label={t('enterprise.categories')} rules={[zodRule(S.categories)]}>
                <Select mode="multiple" options={l.categoryOptions} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="standardizationLevel"
                label={t('enterprise.standardizationLevel')}
                rules={[zodRule(S.standardizationLevel)]}
              >
                <Select options={l.levelOptions} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="status" label={t('enterprise.status')} rules={[zodRule(S.status)]}>
                <Select options={l.statusOptions} disabled={locked('status')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <PersonFields prefix="principal" title={t('enterprise.principal')} />
        <PersonFields prefix="actualController" title={t('enterprise.actualController')} />
        <Card size="small" title={t('enterprise.departments')}>
          <Form.Item name="deptMode" style={{ marginBottom: 12 }}>
            <Radio.Group disabled={locked('departmentIds')} data-testid="dept-mode">
              <Radio value="auto">
                {overridden ? t('enterprise.restoreAuto') : t('enterprise.departmentsAuto')}
              </Radio>
              <Radio value="manual">{t('enterprise.departmentsManual')}</Radio>
            </Radio.Group>
          </Form.Item>
          {deptMode === 'manual' ? (
            <Form.Item
              name="departmentIds"
              label={t('enterprise.departmentsPick')}
              rules={[zodRule(S.departmentIds)]}
            >
              <Select
                mode="multiple"
                options={deptOptions}
                loading={orgs.isPending}
                disabled={locked('departmentIds')}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          ) : (
            <>
              <Alert
                type="info"
                showIcon
                title={t('enterprise.departmentsHint')}
                style={{ marginBottom: 8 }}
              />
              <Space size={[4, 4]} wrap>
                {derived.map((id) => (
                  <Tag key={id}>{deptName(id)}</Tag>
                ))}
              </Space>
            </>
          )}
        </Card>
      </Space>
    </Form>
  );
}
