import { useEffect, useState } from 'react';
import { Button, Col, DatePicker, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayjs } from '../../lib/time';
import { useLabels } from '../../lib/labels';
import { fromShanghaiIso, shanghaiDayEnd, shanghaiDayStart } from './time';
import { useHazardLabels } from './labels';
import type { HazardFilterKey, HazardFilters } from './hazards.api';

interface Props {
  value: HazardFilters;
  onChange: (next: HazardFilters) => void;
  showDistrict: boolean;
}

export function HazardFilterBar({ value, onChange, showDistrict }: Props) {
  const { t } = useTranslation();
  const l = useLabels();
  const h = useHazardLabels();
  const [keyword, setKeyword] = useState(value.keyword ?? '');
  useEffect(() => setKeyword(value.keyword ?? ''), [value.keyword]);

  const set = (k: HazardFilterKey) => (v: string | undefined) => onChange({ ...value, [k]: v || undefined });
  const select = (
    k: HazardFilterKey,
    placeholder: string,
    options: { value: string; label: string }[],
    multiple = false,
  ) => (
    <Select
      allowClear
      mode={multiple ? 'multiple' : undefined}
      maxTagCount="responsive"
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      value={multiple ? (value[k] ? value[k]!.split(',') : []) : value[k]}
      onChange={(v: string | string[] | undefined) =>
        set(k)(Array.isArray(v) ? v.join(',') : (v ?? undefined))
      }
      options={options}
      data-testid={`filter-${k}`}
    />
  );
  const span = { xs: 12, sm: 12, md: 8, lg: 6, xl: 4 };
  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const from = fromShanghaiIso(value.discoveredFrom);
  const to = fromShanghaiIso(value.discoveredTo);

  return (
    <Row gutter={[8, 8]} className="filter-bar" style={{ marginBottom: 12 }}>
      {showDistrict && (
        <Col {...span}>{select('district', t('enterprise.anyDistrict'), l.districtOptions)}</Col>
      )}
      <Col {...span}>{select('grade', t('hazard.anyGrade'), h.gradeOptions)}</Col>
      <Col {...span}>{select('status', t('hazard.anyStatus'), h.stateOptions, true)}</Col>
      <Col {...span}>{select('source', t('hazard.anySource'), h.sourceOptions)}</Col>
      <Col {...span}>
        {select('overdue', t('hazard.overdueFilter'), [
          { value: 'true', label: t('hazard.overdueOnly') },
          { value: 'false', label: t('hazard.notOverdue') },
        ])}
      </Col>
      <Col {...span}>{select('supervised', t('hazard.supervisedFilter'), yesNo)}</Col>
      <Col xs={24} sm={24} md={12} lg={8} xl={6}>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('hazard.discoveredFrom'), t('hazard.discoveredTo')]}
          value={[from ? dayjs(from) : null, to ? dayjs(to).subtract(1, 'day') : null]}
          onChange={(r) =>
            onChange({
              ...value,
              discoveredFrom: r?.[0] ? shanghaiDayStart(r[0]) : undefined,
              discoveredTo: r?.[1] ? shanghaiDayEnd(r[1]) : undefined,
            })
          }
          style={{ width: '100%' }}
        />
      </Col>
      <Col xs={24} sm={24} md={12} lg={8} xl={6}>
        <Input.Search
          allowClear
          placeholder={t('hazard.keyword')}
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
