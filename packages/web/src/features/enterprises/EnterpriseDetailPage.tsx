import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { maskPhone, maskResidentId } from '@zhiben/domain';
import { ApiError } from '../../api/client';
import type { Enterprise } from '../../api/types';
import { useOrganizations } from '../../api/organizations';
import { STATUS_COLORS, useLabels } from '../../lib/labels';
import { fmtTime } from '../../lib/time';
import { useCan } from '../auth/session';
import { useEnterprise } from './enterprises.api';

function Person({ title, person }: { title: string; person: Enterprise['principal'] }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setShown(!shown)}>
          {t('enterprise.showId')}
        </Button>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('enterprise.personName')}>{person.name}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.phone')}>
          {shown ? person.phone : maskPhone(person.phone)}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.idNumber')}>
          {shown ? person.idNumber : maskResidentId(person.idNumber)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export default function EnterpriseDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useLabels();
  const can = useCan();
  const navigate = useNavigate();
  const q = useEnterprise(id);
  const orgs = useOrganizations();

  if (q.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (q.isError || !q.data) {
    const status = q.error instanceof ApiError && q.error.status === 403 ? '403' : '404';
    return (
      <Result
        status={status}
        title={status}
        subTitle={t('enterprise.notFound')}
        extra={<Button onClick={() => navigate('/enterprises')}>{t('common.back')}</Button>}
      />
    );
  }
  const e = q.data;
  const canEdit = e.permissions?.edit ?? can('enterprises:write');
  const levelOf = (deptId: string) => orgs.data?.find((o) => o.id === deptId)?.level;
  const depts = e.departments.map((d) => ({
    ...d,
    level: levelOf(d.id) ?? (d.id.includes('-150600-') ? 'city' : 'district'),
  }));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <Typography.Title level={4} data-testid="enterprise-name">
              {e.name}
            </Typography.Title>
            <Tag color={STATUS_COLORS[e.status]}>{l.status(e.status)}</Tag>
          </Space>
          <Space wrap>
            <Button
              icon={<WarningOutlined />}
              onClick={() => navigate(`/hazards?enterprise=${e.id}`)}
              data-testid="enterprise-hazards"
            >
              {t('enterprise.hazards')}
            </Button>
            {canEdit && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => navigate(`/enterprises/${e.id}/edit`)}
              >
                {t('common.edit')}
              </Button>
            )}
          </Space>
        </div>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          title={t('enterprise.basic')}
        >
          <Descriptions.Item label={t('enterprise.uscc')}>{e.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise.district')}>
            {l.district(e.districtCode, e.districtName)}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.industryCode')}>
            {e.industryCode} {e.industryName}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.address')}>{e.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise.location')}>
            {e.location ? `${e.location.lng.toFixed(6)}, ${e.location.lat.toFixed(6)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.scale')}>{l.scale(e.scale)}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise.standardizationLevel')}>
            {l.level(e.standardizationLevel)}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.employees')}>{e.employees}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise.sectors')}>
            <Space size={[0, 4]} wrap>
              {e.sectors.length ? e.sectors.map((s) => <Tag key={s}>{l.sector(s)}</Tag>) : '—'}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.categories')}>
            <Space size={[0, 4]} wrap>
              {e.categories.length
                ? e.categories.map((c) => (
                    <Tag key={c} color="volcano">
                      {l.category(c)}
                    </Tag>
                  ))
                : '—'}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.createdAt')}>{fmtTime(e.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise.updatedAt')}>{fmtTime(e.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={8}>
          <Person title={t('enterprise.principal')} person={e.principal} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Person title={t('enterprise.actualController')} person={e.actualController} />
        </Col>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={t('enterprise.departments')}
            extra={
              <Tag color={e.departmentsOverridden ? 'orange' : 'green'}>
                {e.departmentsOverridden
                  ? t('enterprise.departmentsOverridden')
                  : t('enterprise.departmentsDerived')}
              </Tag>
            }
          >
            {depts.length ? (
              <List
                size="small"
                dataSource={depts}
                data-testid="department-list"
                renderItem={(d) => (
                  <List.Item>
                    <span>{d.name}</span>
                    <Tag>
                      {d.level === 'city' ? t('enterprise.cityLevel') : t('enterprise.districtLevel')}
                    </Tag>
                  </List.Item>
                )}
              />
            ) : (
              <Empty description={t('enterprise.noDepartments')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
