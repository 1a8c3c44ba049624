import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Dropdown,
  Empty,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { BarChartOutlined, InboxOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PERMIT_STATES, PERMIT_TYPES } from '@zhiben/domain';
import { dayjs, fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { EnterprisePicker } from '../hazards/EnterprisePicker';
import { isEnterpriseRole } from '../hazards/roles';
import { GradeMark, PermitStatusTag, STATUS_COLORS } from './labels';
import { usePermitList, type PermitSummary } from './permits.api';

const ACTIVE = 'issued,in_progress,suspended';

function PermitCard({ p }: { p: PermitSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(`/permits/${p.id}`)}
      className="permit-card"
      data-testid="permit-card"
      data-number={p.number}
      style={{ borderTop: `4px solid ${STATUS_COLORS[p.status]}`, height: '100%' }}
      title={
        <Space size={4} wrap>
          <b>{p.typeName}</b>
          <GradeMark name={p.gradeName} />
        </Space>
      }
      extra={<PermitStatusTag status={p.status} />}
    >
      <Typography.Text code style={{ fontSize: 12 }}>
        {p.number}
      </Typography.Text>
      <div className="permit-card-line">{p.location}</div>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
        {p.content}
      </Typography.Paragraph>
      <div style={{ fontSize: 12 }}>
        {fmtTime(p.plannedStart, 'MM-DD HH:mm')} — {fmtTime(p.plannedEnd, 'MM-DD HH:mm')}
      </div>
      <div style={{ fontSize: 12 }}>
        {t('permit.field.workLeader')}：{p.workLeader} · {t('permit.field.guardians')}：
        {p.guardians.map((g) => g.name).join('、')}{' '}
        {['issued', 'in_progress', 'suspended'].includes(p.status) && (
          <Badge status={p.guardianOnSite ? 'success' : 'default'} />
        )}
      </div>
      {p.enterpriseName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.enterpriseName}
        </Typography.Text>
      )}
    </Card>
  );
}

/** The live board: one card per permit, coloured by status, refreshed every 15 seconds. */
export default function PermitBoardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const params = {
    enterprise: sp.get('enterprise') ?? undefined,
    type: sp.get('type') ?? undefined,
    status: sp.get('status') ?? undefined,
    date: sp.get('date') ?? undefined,
    keyword: sp.get('keyword') ?? undefined,
    pageSize: 200,
  };
  const list = usePermitList(params, 15_000);
  const set = (k: string, v: string | undefined) => {
    const q = new URLSearchParams(sp);
    if (v) q.set(k, v);
    else q.delete(k);
    setSp(q, { replace: true });
  };
  const enterpriseUser = isEnterpriseRole(me.role);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Col>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('permit.board.title')}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('permit.board.autoRefresh')} {list.isFetching && <Spin size="small" />}
            </Typography.Text>
          </Typography.Title>
        </Col>
        <Col>
          <Space wrap>
            {enterpriseUser && (
              <Dropdown
                menu={{
                  items: PERMIT_TYPES.map((x) => ({ key: x.code, label: x.name })),
                  onClick: ({ key }) => navigate(`/permits/new/${key}`),
                }}
              >
                <Button type="primary" icon={<PlusOutlined />} data-testid="permit-new">
                  {t('permit.board.new')}
                </Button>
              </Dropdown>
            )}
            {enterpriseUser && (
              <Link to="/permits/inbox">
                <Button icon={<InboxOutlined />}>{t('permit.nav.inbox')}</Button>
              </Link>
            )}
            <Link to="/permits/workers">
              <Button icon={<TeamOutlined />}>{t('permit.nav.workers')}</Button>
            </Link>
            <Link to="/permits/stats">
              <Button icon={<BarChartOutlined />}>{t('permit.nav.stats')}</Button>
            </Link>
          </Space>
        </Col>
      </Row>
      <Space wrap>
        {!enterpriseUser && (
          <div style={{ minWidth: 260 }}>
            <EnterprisePicker value={params.enterprise} onChange={(v) => set('enterprise', v)} />
          </div>
        )}
        <Select
          allowClear
          placeholder={t('permit.board.allTypes')}
          style={{ width: 150 }}
          value={params.type}
          onChange={(v) => set('type', v)}
          options={PERMIT_TYPES.map((x) => ({ value: x.code, label: x.name }))}
        />
        <Select
          allowClear
          placeholder={t('permit.board.allStates')}
          style={{ width: 150 }}
          value={params.status}
          onChange={(v) => set('status', v)}
          options={[
            { value: ACTIVE, label: t('permit.board.activeOnly') },
            ...PERMIT_STATES.map((s) => ({ value: s.code, label: s.name })),
          ]}
        />
        <DatePicker
          value={params.date ? dayjs(params.date) : null}
          onChange={(d) => set('date', d ? d.format('YYYY-MM-DD') : undefined)}
        />
        <Input.Search
          allowClear
          placeholder={t('permit.board.keyword')}
          defaultValue={params.keyword}
          onSearch={(v) => set('keyword', v.trim() || undefined)}
          style={{ width: 220 }}
        />
      </Space>
      {list.isPending ? (
        <Spin />
      ) : !list.data?.items.length ? (
        <Empty description={t('permit.board.empty')} />
      ) : (
        <Row gutter={[12, 12]} data-testid="permit-board">
          {list.data.items.map((p) => (
            <Col key={p.id} xs={24} sm={12} lg={8} xxl={6}>
              <PermitCard p={p} />
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
