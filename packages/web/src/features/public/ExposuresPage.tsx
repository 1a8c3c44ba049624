import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Drawer, Empty, Grid, Input, List, Select, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/labels';
import { fmtTime } from '../../lib/time';
import { LangSwitch } from '../layout/LangSwitch';
import { usePublicExposures, type Exposure } from '../supervision/supervision.api';

/** 曝光台: major hazards still not rectified 60 days past their deadline, public without login. */
export default function ExposuresPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState(1);
  const [doc, setDoc] = useState<Exposure | null>(null);
  const labels = useLabels();
  const [district, setDistrict] = useState<string | undefined>();
  const [text, setText] = useState<string | undefined>();
  const q = usePublicExposures(page, 20, { district, q: text });
  return (
    <div className="public-page">
      <header className="public-header">
        <Space>
          <NotificationOutlined style={{ fontSize: 24 }} />
          <div>
            <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
              {t('exposure.title')}
            </Typography.Title>
            <Typography.Text style={{ color: 'rgba(255,255,255,.85)' }}>
              {t('common.appFullName')}
            </Typography.Text>
          </div>
        </Space>
        <Space>
          <LangSwitch compact={!screens.md} />
          <Link to="/login">
            <Button ghost icon={<ArrowLeftOutlined />}>
              {t('exposure.toLogin')}
            </Button>
          </Link>
        </Space>
      </header>
      <main className="public-main">
        <Card>
          <Typography.Paragraph type="secondary">{t('exposure.intro')}</Typography.Paragraph>
          <Typography.Paragraph data-testid="exposure-report-links">
            {t('report.exposureLinks')} <Link to="/public/report">{t('report.linkReport')}</Link> ·{' '}
            <Link to="/public/report/status">{t('report.linkStatus')}</Link> ·{' '}
            <Link to="/public/reward-calculator">{t('report.linkCalculator')}</Link>
          </Typography.Paragraph>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('exposure.anyDistrict')}
              options={labels.districtOptions}
              value={district}
              onChange={(v?: string) => {
                setDistrict(v);
                setPage(1);
              }}
              data-testid="exposure-district"
            />
            <Input.Search
              allowClear
              style={{ width: screens.md ? 280 : '100%' }}
              placeholder={t('exposure.search')}
              maxLength={100}
              onSearch={(v) => {
                setText(v.trim() || undefined);
                setPage(1);
              }}
              data-testid="exposure-search"
            />
          </Space>
          <List<Exposure>
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('exposure.empty')} /> }}
            data-testid="exposure-list"
            pagination={
              (q.data?.total ?? 0) > 20
                ? {
                    current: page,
                    pageSize: 20,
                    total: q.data?.total,
                    onChange: setPage,
                    simple: !screens.md,
                  }
                : false
            }
            renderItem={(e) => (
              <List.Item
                actions={[
                  <a key="doc" onClick={() => setDoc(e)}>
                    {t('exposure.readDoc')}
                  </a>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <Tag color="red">{t('exposure.tag')}</Tag>
                      <span>{e.enterpriseName}</span>
                      {e.rectified ? (
                        <Tag color="green">{t('exposure.rectified')}</Tag>
                      ) : (
                        <Tag color="volcano">{t('exposure.notRectified')}</Tag>
                      )}
                    </Space>
                  }
                  description={
                    <Space orientation="vertical" size={0}>
                      <span>
                        {e.hazardCode} · {e.hazardTitle}
                      </span>
                      <span>
                        {e.districtName ?? e.districtCode} ·{' '}
                        {t('exposure.daysOverdue', { count: e.daysOverdue ?? 0 })} ·{' '}
                        {t('exposure.exposedAt', { time: fmtTime(e.exposedAt, 'YYYY-MM-DD') })}
                      </span>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </main>
      <Drawer open={!!doc} onClose={() => setDoc(null)} title={doc?.title} size={screens.md ? 640 : '100%'}>
        <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>{doc?.body}</div>
      </Drawer>
    </div>
  );
}
