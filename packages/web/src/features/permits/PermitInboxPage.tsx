import { Link } from 'react-router';
import { Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { permitActionName } from '@zhiben/domain';
import { fmtTime } from '../../lib/time';
import { GradeMark, PermitStatusTag } from './labels';
import { usePermitInbox } from './permits.api';

/** Permits waiting for the user: measures, analyses, signatures in order, acceptance and closing. */
export default function PermitInboxPage() {
  const { t } = useTranslation();
  const q = usePermitInbox();
  return (
    <Card title={t('permit.inbox.title')} data-testid="permit-inbox">
      {q.isPending ? (
        <Spin />
      ) : !q.data?.items.length ? (
        <Empty description={t('permit.inbox.empty')} />
      ) : (
        <List
          dataSource={q.data.items}
          renderItem={(p) => (
            <List.Item key={p.id} data-testid="inbox-item">
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/permits/${p.id}`}>{p.number}</Link>
                    <span>{p.typeName}</span>
                    <GradeMark name={p.gradeName} />
                    <PermitStatusTag status={p.status} />
                  </Space>
                }
                description={
                  <>
                    <div>
                      {p.location} · {fmtTime(p.plannedStart)} — {fmtTime(p.plannedEnd)}
                    </div>
                    <Space wrap size={4}>
                      {(p.pendingActions ?? []).map((a) => (
                        <Tag key={a} color="processing">
                          {a === 'sign' && p.nextSignatureStepName
                            ? `签字：${p.nextSignatureStepName}`
                            : permitActionName(a)}
                        </Tag>
                      ))}
                      {p.nextSignatureStep === 'approver' && p.approverLevelName && (
                        <Typography.Text type="secondary">{p.approverLevelName}</Typography.Text>
                      )}
                    </Space>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
