import { useEffect, useState } from 'react';
import { Button, Col, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { INDUSTRIES } from '@zhiben/domain';
import { useLabels } from '../../lib/labels';
import type { EnterpriseFilters, FilterKey } from './enterprises.api';

interface Props {
  value: EnterpriseFilters;
  onChange: (next: EnterpriseFilters) => void;
  /** Hidden when the user's scope is one district anyway. */
  showDistrict: boolean;
}

export function EnterpriseFilterBar({ value, onChange, showDistrict }: Props) {
  const { t } = useTranslation();
  const l = useLabels();
  const [keyword, setKeyword] = useState(value.keyword ?? '');
  useEffect(() => setKeyword(value.keyword ?? ''), [value.keyword]);

  const set = (k: FilterKey) => (v: string | undefined) => onChange({ ...value, [k]: v || undefined });
  const select = (k: FilterKey, placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      value={value[k]}
      onChange={set(k)}
      options={options}
      data-testid={`filter-${k}`}
    />
  );
  const span = { xs: 12, sm: 12, md: 8, lg: 6, xl: 4 };

  return (
    <Row gutter={[8, 8]} className="filter-bar" style={{ marginBottom: 12 }}>
      {showDistrict && (
        <Col {...span}>{select('district', t('enterprise.anyDistrict'), l.districtOptions)}</Col>
      )}
      <Col {...span}>
        {select(
          'industry',
          t('enterprise.anyIndustry'),
          INDUSTRIES.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
        )}
      </Col>
      <Col {...span}>{select('sector', t('enterprise.anySector'), l.sectorOptions)}</Col>
      <Col {...span}>{select('category', t('enterprise.anyCategory'), l.categoryOptions)}</Col>
      <Col {...span}>{select('status', t('enterprise.anyStatus'), l.statusOptions)}</Col>
      <Col {...span}>{select('scale', t('enterprise.anyScale'), l.scaleOptions)}</Col>
      <Col xs={24} sm={24} md={12} lg={8} xl={6}>
        <Input.Search
          allowClear
          placeholder={t('enterprise.keyword')}
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(v) => onChange({ ...value, keyword: v.trim() || undefined })}
          enterButton={t('common.search')}
          data-testid="filter-keyword"
        />
      </Col>
      <Col xs={12} md={4} lg={2}>
        <Button block onClick={() => onChange({})}>
          {t('common.reset')}
        </Button>
      </Col>
    </Row>
  );
}
