import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { fmtTime } from '../../lib/time';
import type { Receipt } from './public.api';

/** The status page for a receipt: code and key in the URL fragment, which browsers never send to the server. */
export function statusLink(r: Receipt): string {
  const frag = new URLSearchParams({ code: r.trackingCode, key: r.accessKey }).toString();
  return `${window.location.origin}/public/report/status#${frag}`;
}

/**
 * The one and only time the tracking code and access key are shown: a loud warning, copyable values,
 * a QR code that opens the status page with both, and a print layout (print CSS keeps only this card).
 */
export function ReceiptCard({
  receipt,
  title,
  note,
  withStatusQr = true,
  warning,
  onDone,
}: {
  receipt: Receipt;
  title: string;
  note: string;
  withStatusQr?: boolean;
  warning?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!withStatusQr) return;
    let live = true;
    QRCode.toDataURL(statusLink(receipt), { width: 360, margin: 1, errorCorrectionLevel: 'M' }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [receipt, withStatusQr]);

  return (
    <Card className="printable" data-testid="receipt">
      <div className="print-only" style={{ textAlign: 'center', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('report.receiptPrintTitle')}
        </Typography.Title>
        <Typography.Text>{t('common.appFullName')}</Typography.Text>
      </div>
      <Result
        status="success"
        title={title}
        subTitle={note}
        style={{ padding: '8px 0' }}
        className="no-print"
      />
      <Alert
        type="error"
        showIcon
        title={warning ?? t('report.receiptWarning')}
        style={{ marginBottom: 12 }}
        className="no-print"
        data-testid="receipt-warning"
      />
      <div className="secret-box">
        <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('report.trackingCode')}>
            <Typography.Text
              className="secret-value"
              copyable={{ text: receipt.trackingCode }}
              data-testid="receipt-code"
            >
              {receipt.trackingCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('report.accessKey')}>
            <Typography.Text
              className="secret-value"
              copyable={{ text: receipt.accessKey }}
              data-testid="receipt-key"
            >
              {receipt.accessKey}
            </Typography.Text>
          </Descriptions.Item>
          {receipt.receivedAt && (
            <Descriptions.Item label={t('report.receivedAt')}>
              {fmtTime(receipt.receivedAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </div>
      {withStatusQr && qr && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <img src={qr} alt={t('report.receiptQr')} className="receipt-qr" data-testid="receipt-qr" />
          <div>
            <Typography.Text type="secondary">{t('report.receiptQr')}</Typography.Text>
          </div>
        </div>
      )}
      <Typography.Paragraph type="secondary" className="print-only" style={{ marginTop: 12 }}>
        {t('report.receiptPrintNote')}
      </Typography.Paragraph>
      <Space wrap style={{ marginTop: 16, width: '100%', justifyContent: 'center' }} className="no-print">
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="receipt-print">
          {t('report.printReceipt')}
        </Button>
        <Button type="primary" onClick={onDone} data-testid="receipt-done">
          {t('report.receiptDone')}
        </Button>
      </Space>
    </Card>
  );
}
