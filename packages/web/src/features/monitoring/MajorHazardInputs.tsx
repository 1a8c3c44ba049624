import { useMemo } from 'react';
import { Alert, AutoComplete, Button, Card, Col, Form, InputNumber, Row, Space, Statistic, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CRITICAL_QUANTITIES,
  majorHazardAssessment,
  majorHazardGradeName,
  majorHazardInputSchema,
  type MajorHazardAssessment,
  type MajorHazardInput,
} from '@zhiben/domain';
import { useLabels } from '../../lib/labels';

/**
 * GB 18218-2018 inputs shared by the calculator page and the installation form: the substance rows
 * (Table 1 names fill their critical quantity), the assessment computed as the user types, and its view.
 */

export interface SubstanceRow {
  key: number;
  name: string;
  q: number | null;
  Q: number | null;
  beta: number | null;
}

let nextKey = 1;
export const emptySubstanceRow = (): SubstanceRow => ({
  key: nextKey++,
  name: '',
  q: null,
  Q: null,
  beta: 1,
});

const GRADE_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };

export interface MajorHazardOutcome {
  /** The input as the API takes it, when it is valid. */
  input: MajorHazardInput | null;
  result: MajorHazardAssessment | null;
  /** What to tell the user instead of a result. */
  problem: string | null;
  /** Nothing typed yet. */
  untouched: boolean;
}

export function useMajorHazardOutcome(rows: SubstanceRow[], people: number | null): MajorHazardOutcome {
  const { t } = useTranslation();
  return useMemo(() => {
    const parsed = majorHazardInputSchema.safeParse({
      substances: rows.map((r) => ({ name: r.name || undefined, q: r.q, Q: r.Q, beta: r.beta })),
      peopleWithin500m: people,
    });
    const untouched = rows.every((r) => !r.name.trim() && r.q === null);
    if (parsed.success) {
      try {
        return { input: parsed.data, result: majorHazardAssessment(parsed.data), problem: null, untouched };
      } catch (e) {
        return { input: null, result: null, problem: e instanceof Error ? e.message : String(e), untouched };
      }
    }
    // Nothing typed yet: say what to do, not what is wrong.
    if (untouched) return { input: null, result: null, problem: t('monitor.calc.start'), untouched };
    const issue = parsed.error.issues[0];
    // substances.1.q → "危险化学品 2：…", the row as numbered on the page.
    const row = issue?.path[0] === 'substances' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
    const problem = issue
      ? `${row !== null && rows.length > 1 ? `${t('monitor.calc.substance')} ${row + 1}：` : ''}${issue.message}`
      : t('monitor.calc.invalid');
    return { input: null, result: null, problem, untouched };
  }, [rows, people, t]);
}

/** The substance rows, each a small card; at least one row stays. */
export function SubstanceRows({
  rows,
  onChange,
}: {
  rows: SubstanceRow[];
  onChange: (rows: SubstanceRow[]) => void;
}) {
  const { t } = useTranslation();
  const { en } = useLabels();
  const options = useMemo(
    () =>
      CRITICAL_QUANTITIES.map((c) => ({
        value: c.name,
        label: `${c.name}${en ? ` (${c.nameEn})` : ''} · Q=${c.Q} t`,
        Q: c.Q,
      })),
    [en],
  );
  const update = (key: number, patch: Partial<SubstanceRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <>
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
                onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
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
                    filterOption: (v, o) => !!o && String(o.label).toLowerCase().includes(v.toLowerCase()),
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
        onClick={() => onChange([...rows, emptySubstanceRow()])}
        block
        type="dashed"
      >
        {t('monitor.calc.addRow')}
      </Button>
    </>
  );
}

/** 构成/不构成重大危险源, its grade, and S, α, R. */
export function AssessmentView({
  result,
  problem,
  compact,
}: {
  result: Pick<MajorHazardAssessment, 'S' | 'isMajor' | 'alpha' | 'R' | 'grade'> | null;
  problem?: string | null;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const { en } = useLabels();
  if (!result) return <Alert type="info" showIcon title={problem ?? t('monitor.calc.invalid')} />;
  const size = compact ? undefined : { fontSize: 16, padding: '4px 10px' };
  return (
    <>
      <Space wrap style={{ marginBottom: compact ? 8 : 12 }}>
        <Tag color={result.isMajor ? 'red' : 'green'} style={size}>
          {result.isMajor ? t('monitor.calc.major') : t('monitor.calc.notMajor')}
        </Tag>
        {result.grade && (
          <Tag color={GRADE_COLORS[result.grade]} style={size} data-testid="calc-grade">
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
  );
}
