import { Button, Card, Form, InputNumber, Radio, Select, Space, Statistic, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { rewardInputSchema } from '@zhiben/domain';
import { applyZodIssues } from '../../lib/zod-form';
import { useReportLabels } from '../reports/labels';
import { PublicShell } from './PublicShell';
import { useRewardCalculator } from './public.api';

interface Values {
  category: string;
  fine?: number | null;
  deaths?: number | null;
  accidentGrade?: string;
}

/** 举报奖励计算器: the statutory reward for a category and a fine or concealed deaths (server computes). */
export default function RewardCalculatorPage() {
  const { t } = useTranslation();
  const rl = useReportLabels();
  const [form] = Form.useForm<Values>();
  const calc = useRewardCalculator(form);
  const category = Form.useWatch('category', form);
  const fineBased = category === 'major_hazard' || category === 'illegal_operation';

  const onFinish = (v: Values) => {
    const input = {
      category: v.category,
      fine: fineBased ? (v.fine ?? undefined) : undefined,
      deaths: v.category === 'concealed_accident' ? (v.deaths ?? undefined) : undefined,
      accidentGrade: v.category === 'concealed_accident' ? v.accidentGrade : undefined,
    };
    const parsed = rewardInputSchema.safeParse(input);
    if (!parsed.success) {
      applyZodIssues(form, parsed.error.issues);
      return;
    }
    calc.mutate(parsed.data);
  };

  return (
    <PublicShell title={t('report.calculatorTitle')}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card>
          <Typography.Paragraph type="secondary">{t('report.calculatorIntro')}</Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            className="report-form"
            initialValues={{ category: 'major_hazard', accidentGrade: 'general' }}
            onFinish={onFinish}
            onValuesChange={() => calc.reset()}
            data-testid="calculator-form"
          >
            <Form.Item name="category" label={t('report.category')} required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                className="category-radios"
                options={rl.categoryOptions}
              />
            </Form.Item>
            {fineBased && (
              <Form.Item name="fine" label={t('report.fine')} required>
                <InputNumber
                  style={{ width: '100%' }}
                  min={0}
                  step={10000}
                  inputMode="decimal"
                  data-testid="calc-fine"
                />
              </Form.Item>
            )}
            {category === 'concealed_accident' && (
              <>
                <Form.Item name="deaths" label={t('report.deaths')} required>
                  <InputNumber style={{ width: '100%' }} min={0} precision={0} inputMode="numeric" />
                </Form.Item>
                <Form.Item name="accidentGrade" label={t('report.accidentGrade')} required>
                  <Select options={rl.accidentGradeOptions} />
                </Form.Item>
              </>
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              icon={<CalculatorOutlined />}
              loading={calc.isPending}
              data-testid="calc-submit"
            >
              {t('report.calculate')}
            </Button>
          </Form>
        </Card>
        {calc.data && (
          <Card data-testid="calc-result">
            <Statistic
              title={t('report.amount')}
              value={calc.data.amount}
              prefix="¥"
              suffix={t('report.yuan')}
              styles={{ content: { color: '#cf1322' } }}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('report.basis')}：{calc.data.basis}
            </Typography.Paragraph>
          </Card>
        )}
      </Space>
    </PublicShell>
  );
}
