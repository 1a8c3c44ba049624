import { useMemo, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CRITICAL_QUANTITIES,
  majorHazardAssessment,
  majorHazardGradeName,
  majorHazardInputSchema,
  type MajorHazardAssessment,
} from '@zhiben/domain';
import { useLabels } from '../../lib/labels';

interface Row {
  key: number;
  name: string;
  q: number | null;
  Q: number | null;
  beta: number | null;
}

const GRADE_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };

let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, name: '', q: null, Q: null, beta: 1 });

/** GB 18218-2018 identification and grading, computed in the browser as the user types. */
export default function MajorHazardCalculatorPage() {
  const { t } = useTranslation();
  const { en } = useLabels();
  const [rows, setRows] = useState<Row[]>(() => [emptyRow()]);
  const [people, setPeople] = useState<number | null>(0);

  const options = useMemo(
    () =>
      CRITICAL_QUANTITIES.map((c) => ({
        value: c.name,
        label: `${c.name}${en ? ` (${c.nameEn})` : ''} · Q=${c.Q} t`,
        Q: c.Q,
      })),
    [en],
  );

  const input = {
    substances: rows.map((r) => ({ name: r.name || undefined, q: r.q, Q: r.Q, beta: r.beta })),
    peopleWithin500m: people,
  };
  const parsed = majorHazardInputSchema.safeParse(input);
  // Nothing typed yet: say what to do, not what is wrong.
  const untouched = rows.every((r) => !r.name.trim() && r.q === null);
  let result: MajorHazardAssessment | null = null;
  let problem: string | null = null;
  if (parsed.success) {
    try {
      result = majorHazardAssessment(parsed.data);
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
    }
  } else if (untouched) problem = t('monitor.calc.start');
  else {
    const issue = parsed.error.issues[0];
    // substances.1.q → "危险化学品 2：…", the row as numbered on the page.
    const row = issue?.path[0] === 'substances' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
    problem = issue
      ? `${row !== null && rows.length > 1 ? `${t('monitor.calc.substance')} ${row + 1}：` : ''}${issue.message}`
      : t('monitor.calc.invalid');
  }

  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('monitor.calc.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('monitor.calc.basis')}</Typography.Paragraph>
        <Form layout="vertical">
          {rows.map((r, i) => (
            <Card
              key={r.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={`${t('monitor.calc.substance')} ${i + 1}`}
              extra={
                rows.length > 1 && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('monitor.calc.removeRow')}
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  />
                )
              }
              data-testid="calc-row"
            >
              <Row gutter={8}>
                <Col xs={24} md={9}>
                  <Form.Item label={t('monitor.calc.substance')} style={{ marginBottom: 8 }}>
                    <AutoComplete
                      value={r.name}
                      options={options}
                      placeholder={t('monitor.calc.pick')}
                      showSearch={{
                        filterOption: (v, o) =>
                          !!o && String(o.label).toLowerCase().includes(v.toLowerCase()),
                      }}
                      onChange={(v: string) => {
                        // An exact Table 1 name fills its Q, whether picked or typed.
                        const known = CRITICAL_QUANTITIES.find((c) => c.name === v.trim());
                        update(r.key, known ? { name: v, Q: known.Q } : { name: v });
                      }}
                      data-testid="calc-name"
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={5}>
                  <Form.Item label={t('monitor.calc.q')} style={{ marginBottom: 8 }}>
                    <InputNumber
                      style={{ width: '100%' }}
                      min={0}
                      value={r.q}
                      onChange={(v) => update(r.key, { q: v })}
                      inputMode="decimal"
                      data-testid="calc-q"
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={5}>
                  <Form.Item label={t('monitor.calc.Q')} style={{ marginBottom: 8 }}>
                    <InputNumber
                      style={{ width: '100%' }}
                      min={0}
                      value={r.Q}
                      onChange={(v) => update(r.key, { Q: v })}
                      inputMode="decimal"
                      data-testid="calc-Q"
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={5}>
                  <Form.Item label={t('monitor.calc.beta')} style={{ marginBottom: 8 }}>
                    <InputNumber
                      style={{ width: '100%' }}
                      min={0}
                      value={r.beta}
                      onChange={(v) => update(r.key, { beta: v })}
                      inputMode="decimal"
                      data-testid="calc-beta"
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => setRows((rs) => [...rs, emptyRow()])}
            block
            type="dashed"
          >
            {t('monitor.calc.addRow')}
          </Button>
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
        {result ? (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Tag color={result.isMajor ? 'red' : 'green'} style={{ fontSize: 16, padding: '4px 10px' }}>
                {result.isMajor ? t('monitor.calc.major') : t('monitor.calc.notMajor')}
              </Tag>
              {result.grade && (
                <Tag
                  color={GRADE_COLORS[result.grade]}
                  style={{ fontSize: 16, padding: '4px 10px' }}
                  data-testid="calc-grade"
                >
                  {majorHazardGradeName(result.grade)}
                  {en ? ` (grade ${result.grade})` : '重大危险源'}
                </Tag>
              )}
            </Space>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic title={t('monitor.calc.S')} value={result.S} precision={4} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('monitor.calc.alpha')} value={result.alpha} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('monitor.calc.R')} value={result.R} precision={4} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('monitor.calc.grade')}
                  value={result.grade ? majorHazardGradeName(result.grade) : '—'}
                />
              </Col>
            </Row>
          </>
        ) : (
          <Alert type="info" showIcon title={problem ?? t('monitor.calc.invalid')} />
        )}
      </Card>
    </Space>
  );
}
