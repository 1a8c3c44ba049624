import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Space, Steps, Table, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showApiError } from '../../api/feedback';
import type { ImportResult } from '../../api/types';
import { downloadTemplate, useImportEnterprises } from './enterprises.api';

type Mode = ImportResult['mode'];

export default function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const importer = useImportEnterprises();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const run = (mode: Mode, f: File | null = file) => {
    if (!f) return;
    setResult(null);
    importer.mutate({ file: f, mode }, { onSuccess: (r) => setResult(r) });
  };

  const confirmValidRows = () => {
    if (!result) return;
    modal.confirm({
      title: t('importer.validOnlyConfirmTitle'),
      content: t('importer.validOnlyConfirm', { valid: result.valid, invalid: result.total - result.valid }),
      okText: t('importer.validOnly'),
      cancelText: t('common.cancel'),
      onOk: () => run('valid-rows'),
    });
  };

  const errors = result?.errors ?? [];
  const invalidRows = result ? result.total - result.valid : 0;
  const summary = result
    ? t('importer.summary', { total: result.total, valid: result.valid, imported: result.imported })
    : '';

  return (
    <Card>
      <div className="page-header">
        <Space>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/enterprises')}
            aria-label={t('common.back')}
          />
          <Typography.Title level={4}>{t('importer.title')}</Typography.Title>
        </Space>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadTemplate()
              .then((name) => notifySuccess(t('enterprise.downloaded', { name })))
              .catch((e) => showApiError(e))
          }
        >
          {t('enterprise.template')}
        </Button>
      </div>
      <Steps
        size="small"
        orientation="vertical"
        current={result ? 2 : file ? 1 : 0}
        items={[
          { title: t('importer.step1') },
          { title: t('importer.step2') },
          { title: t('importer.step3') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={importer.isPending}
        beforeUpload={(f) => {
          setFile(f);
          run('strict', f);
          return Upload.LIST_IGNORE;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? t('importer.reupload') : t('importer.drag')}</p>
        <p className="ant-upload-hint">{t('importer.dragHint')}</p>
      </Upload.Dragger>

      {file && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('importer.file', { name: file.name })}
        </Typography.Paragraph>
      )}
      {importer.isPending && (
        <Alert type="info" showIcon title={t('importer.validating')} style={{ marginTop: 12 }} />
      )}

      {result && (
        <div style={{ marginTop: 12 }} data-testid="import-result">
          {result.imported > 0 && errors.length === 0 && (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleOutlined />}
              title={t('importer.success', { imported: result.imported })}
              description={summary}
              action={<Button onClick={() => navigate('/enterprises')}>{t('importer.backToList')}</Button>}
              data-testid="import-success"
            />
          )}
          {result.mode === 'validate' && errors.length === 0 && (
            <Alert
              type="success"
              showIcon
              title={t('importer.checkedOk', { valid: result.valid })}
              action={<Button onClick={() => run('strict')}>{t('importer.importNow')}</Button>}
            />
          )}
          {result.mode === 'valid-rows' && errors.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('importer.validOnlyDone', { imported: result.imported, skipped: invalidRows })}
              description={summary}
              action={<Button onClick={() => navigate('/enterprises')}>{t('importer.backToList')}</Button>}
              data-testid="import-partial"
            />
          )}
          {result.mode !== 'valid-rows' && errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('importer.failed', { count: result.errorCount ?? errors.length })}
              description={summary}
              action={
                result.valid > 0 ? (
                  <Button danger onClick={confirmValidRows} data-testid="import-valid-rows">
                    {t('importer.validOnly')}
                  </Button>
                ) : undefined
              }
              data-testid="import-failed"
            />
          )}
          {errors.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('importer.errorsTitle')}
              </Typography.Title>
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.field}-${e.message}`}
                dataSource={errors}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="import-errors"
                columns={[
                  { title: t('importer.row'), dataIndex: 'row', width: 80 },
                  {
                    title: t('importer.column'),
                    key: 'column',
                    width: 200,
                    render: (_: unknown, e) =>
                      [e.column, e.header && e.header !== e.column ? `（${e.header}）` : ''].join('') || '—',
                  },
                  { title: t('importer.message'), dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
