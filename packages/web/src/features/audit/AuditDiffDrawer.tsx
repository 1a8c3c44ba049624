import { useState } from 'react';
import { Descriptions, Drawer, Grid, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { diffRecords, show, type DiffRow } from './diff';
import { useAuditLabels } from './labels';

export function AuditDiffDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const labels = useAuditLabels();
  const [changedOnly, setChangedOnly] = useState(true);
  const rows = entry ? diffRecords(entry.before, entry.after) : [];
  const visible = changedOnly ? rows.filter((r) => r.changed) : rows;

  return (
    <Drawer
      open={!!entry}
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={entry ? t('audit.diffTitle', { seq: entry.seq }) : ''}
      data-testid="audit-drawer"
    >
      {entry && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('audit.at')}>
              {fmtTime(entry.at, 'YYYY-MM-DD HH:mm:ss')}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.actor')}>
              {entry.actorName ?? entry.actorId ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.action')}>
              {labels.action(entry.action)}{' '}
              <Typography.Text type="secondary">({entry.action})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.entityType')}>
              {labels.entityType(entry.entityType)}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.entityId')}>{entry.entityId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.ip')}>{entry.ip ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.hash')} span={2}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {entry.hash}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <div style={{ marginBottom: 8 }}>
            <Switch size="small" checked={changedOnly} onChange={setChangedOnly} /> {t('audit.changedOnly')}
          </div>
          <Table<DiffRow>
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={visible}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('audit.noChanges') }}
            rowClassName={(r) => (r.changed ? 'diff-changed' : '')}
            columns={[
              { title: t('audit.field'), dataIndex: 'field', width: 160 },
              {
                title: t('audit.before'),
                dataIndex: 'before',
                render: (v: unknown) => <pre className="json-cell">{show(v)}</pre>,
              },
              {
                title: t('audit.after'),
                dataIndex: 'after',
                render: (v: unknown) => <pre className="json-cell">{show(v)}</pre>,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
