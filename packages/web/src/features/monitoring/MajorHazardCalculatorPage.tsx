import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Form, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session';
import { canConfigureMonitoring } from './roles';
import {
  AssessmentView,
  emptySubstanceRow,
  SubstanceRows,
  useMajorHazardOutcome,
  type SubstanceRow,
} from './MajorHazardInputs';

/** GB 18218-2018 identification and grading, computed in the browser as the user types. */
export default function MajorHazardCalculatorPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [rows, setRows] = useState<SubstanceRow[]>(() => [emptySubstanceRow()]);
  const [people, setPeople] = useState<number | null>(0);
  const { result, problem } = useMajorHazardOutcome(rows, people);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('monitor.calc.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('monitor.calc.basis')}
          {canConfigureMonitoring(me) && (
            <>
              {' '}
              <Link to="/monitoring/config?tab=installations">{t('monitor.calc.toInstallations')}</Link>
            </>
          )}
        </Typography.Paragraph>
        <Form layout="vertical">
          <SubstanceRows rows={rows} onChange={setRows} />
          <Form.Item label={t('monitor.calc.people')} style={{ marginTop: 12 }}>
            <InputNumber
              min={0}
              precision={0}
              value={people}
              onChange={setPeople}
              style={{ width: 200 }}
              inputMode="numeric"
              data-testid="calc-people"
            />
          </Form.Item>
        </Form>
      </Card>
      <Card data-testid="calc-result">
        <AssessmentView result={result} problem={problem} />
      </Card>
    </Space>
  );
}
