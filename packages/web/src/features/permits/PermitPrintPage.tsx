import { useParams } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fmtTime } from '../../lib/time';
import { usePermit } from './permits.api';
import { gasPassed } from './PermitDetailPage';
import { DETAIL_LABELS, detailText } from './PermitTypeFields';
import './permits.css';

const yes = (b: boolean | undefined) => (b ? '是' : '否');

/** The printable permit in the layout of the Appendix A form, with the QR code of its verification page. */
export default function PermitPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = usePermit(id);
  if (q.isPending) return <Spin />;
  if (!q.data) return <Result status="404" title="404" />;
  const p = q.data;
  const details = p.details as Record<string, unknown>;
  const detailRows: [string, string][] = Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [DETAIL_LABELS[k] ?? k, detailText(v)]);
  return (
    <div className="permit-print" data-testid="permit-print">
      <div className="no-print" style={{ textAlign: 'right', marginBottom: 8 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('permit.print.printNow')}
        </Button>
      </div>
      <h1>{t('permit.print.title', { type: p.typeName.replace(/作业$/, '') })}</h1>
      <div className="pp-head">
        <div>
          <div>
            {t('permit.field.number')}：<b>{p.number}</b>
          </div>
          <div>
            {t('permit.field.status')}：{p.statusName}
          </div>
        </div>
        {p.gradeName && <div className="pp-grade">{p.gradeName}</div>}
        <div className="pp-qr">
          <img src={`/api/permits/${p.id}/qr.png`} alt="QR" />
          {t('permit.print.scan')}
        </div>
      </div>
      <table>
        <tbody>
          <tr>
            <th>{t('permit.field.applyingUnit')}</th>
            <td>{p.applyingUnit}</td>
            <th>{t('permit.field.appliedAt')}</th>
            <td>{fmtTime(p.appliedAt)}</td>
          </tr>
          <tr>
            <th>{t('permit.field.content')}</th>
            <td colSpan={3}>{p.content}</td>
          </tr>
          <tr>
            <th>{t('permit.field.location')}</th>
            <td>{p.location}</td>
            <th>{t('permit.field.workUnit')}</th>
            <td>{p.workUnit}</td>
          </tr>
          <tr>
            <th>{t('permit.field.workLeader')}</th>
            <td>{p.workLeader}</td>
            <th>{t('permit.field.guardians')}</th>
            <td>{p.guardians.map((g) => g.name).join('、')}</td>
          </tr>
          <tr>
            <th>{t('permit.field.workers')}</th>
            <td colSpan={3}>
              {p.workers
                .map((w) => `${w.name}${w.certificateNumber ? `（${w.certificateNumber}）` : ''}`)
                .join('、') || '—'}
            </td>
          </tr>
          <tr>
            <th>{t('permit.field.relatedPermits')}</th>
            <td colSpan={3}>{p.relatedPermits.map((r) => r.number).join('、') || '—'}</td>
          </tr>
          <tr>
            <th>{t('permit.field.riskIdentification')}</th>
            <td colSpan={3}>{p.riskIdentification}</td>
          </tr>
          <tr>
            <th>{t('permit.field.planned')}</th>
            <td colSpan={3}>
              自 {fmtTime(p.plannedStart)} 至 {fmtTime(p.plannedEnd)}（{t('permit.field.validUntil')}{' '}
              {fmtTime(p.validUntil)}）
            </td>
          </tr>
          {detailRows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td colSpan={3}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.gasAnalyses.length > 0 && (
        <>
          <div className="pp-section">{t('permit.detail.gas')}</div>
          <table>
            <thead>
              <tr>
                <th>{t('permit.gas.sampledAt')}</th>
                <th>{t('permit.gas.gas')}</th>
                <th>结果（%）</th>
                <th>{t('permit.gas.point')}</th>
                <th>{t('permit.gas.analyst')}</th>
              </tr>
            </thead>
            <tbody>
              {p.gasAnalyses.map((a, i) => (
                <tr key={i}>
                  <td>{fmtTime(a.sampledAt)}</td>
                  <td>{a.gas ?? ''}</td>
                  <td>
                    {a.concentrationPercent}（LEL {a.lelPercent}
                    {a.oxygenPercent !== undefined ? `，O₂ ${a.oxygenPercent}` : ''}）
                    {gasPassed(p, a) ? '合格' : '不合格'}
                  </td>
                  <td>{a.point ?? ''}</td>
                  <td>{a.analyst ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="pp-section">{t('permit.field.measures')}</div>
      <table>
        <thead>
          <tr>
            <th style={{ width: 30 }}>序号</th>
            <th style={{ width: 'auto' }}>{t('permit.field.measures')}</th>
            <th style={{ width: 60 }}>{t('permit.field.applies')}</th>
            <th style={{ width: 70 }}>{t('permit.field.confirmer')}</th>
          </tr>
        </thead>
        <tbody>
          {p.checklist.items.map((i, k) => {
            const m = p.measures.find((x) => x.code === i.code);
            return (
              <tr key={i.code}>
                <td>{k + 1}</td>
                <td>{i.text}</td>
                <td>{yes(m?.applies)}</td>
                <td>{m?.confirmer ?? ''}</td>
              </tr>
            );
          })}
          {p.otherMeasures && (
            <tr>
              <td>{p.checklist.items.length + 1}</td>
              <td>其他安全措施：{p.otherMeasures.text}</td>
              <td colSpan={2}>编制人：{p.otherMeasures.author}</td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="pp-section">{t('permit.detail.signatures')}</div>
      <table>
        <tbody>
          {p.signatureChain.map((s) => (
            <tr key={s.step}>
              <th style={{ width: 180 }}>{s.name}</th>
              <td>
                {s.signature?.opinion ?? ''}
                {s.signature?.recipient ? `（接受交底人：${s.signature.recipient}）` : ''}
              </td>
              <td style={{ width: 160 }}>
                {t('permit.print.signature')}：{s.signature?.name ?? ''}
              </td>
              <td style={{ width: 170 }}>
                {t('permit.print.time')}：{s.signature ? fmtTime(s.signature.at) : '　年　月　日　时　分'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ fontSize: 11, textAlign: 'right' }}>{t('permit.print.copy')} · GB 30871-2022 附录A</div>
    </div>
  );
}
