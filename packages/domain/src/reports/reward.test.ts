import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeReward, rewardInputSchema } from './reward';

const rows: Array<[string, Parameters<typeof computeReward>[0], number]> = [
  ['15 % of a ¥100,000 fine', { category: 'major_hazard', fine: 100_000 }, 15_000],
  ['the ¥3,000 minimum for a ¥10,000 fine', { category: 'major_hazard', fine: 10_000 }, 3000],
  ['exactly the minimum at a ¥20,000 fine', { category: 'illegal_operation', fine: 20_000 }, 3000],
  ['just above the minimum at ¥20,010', { category: 'illegal_operation', fine: 20_010 }, 3002],
  ['exactly the maximum at a ¥2,000,000 fine', { category: 'major_hazard', fine: 2_000_000 }, 300_000],
  ['the ¥300,000 cap for a ¥5,000,000 fine', { category: 'major_hazard', fine: 5_000_000 }, 300_000],
  ['no reward without a fine', { category: 'major_hazard', fine: 0 }, 0],
  ['rounds half up to a yuan (¥33,333.33 → ¥5,000)', { category: 'major_hazard', fine: 33_333.33 }, 5000],
  [
    '¥30,000 per death in a general accident',
    { category: 'concealed_accident', deaths: 2, accidentGrade: 'general' },
    60_000,
  ],
  [
    '¥40,000 per death in a larger accident',
    { category: 'concealed_accident', deaths: 3, accidentGrade: 'larger' },
    120_000,
  ],
  [
    '¥50,000 per death in a major accident',
    { category: 'concealed_accident', deaths: 5, accidentGrade: 'major' },
    250_000,
  ],
  [
    'the ¥300,000 cap for concealed deaths',
    { category: 'concealed_accident', deaths: 6, accidentGrade: 'especially_major' },
    300_000,
  ],
  ['no statutory reward for other reports', { category: 'other' }, 0],
];
for (const [name, input, amount] of rows) {
  test(`reward: ${name}`, () => assert.equal(computeReward(input).amount, amount));
}

test('a fine-based category needs the fine; a concealed accident needs deaths and grade', () => {
  const a = rewardInputSchema.safeParse({ category: 'major_hazard' });
  assert.equal(a.success, false);
  const b = rewardInputSchema.safeParse({ category: 'concealed_accident' });
  assert.deepEqual(b.error?.issues.map((i) => i.path.join('.')).sort(), ['accidentGrade', 'deaths']);
});

test('rates are configurable per jurisdiction', () => {
  const local = {
    fineShare: 0.2,
    minimum: 5000,
    maximum: 500_000,
    perDeath: { general: 1, larger: 1, major: 1, especially_major: 1 },
    concealedMaximum: 1,
  };
  assert.equal(computeReward({ category: 'major_hazard', fine: 10_000 }, local).amount, 5000);
  assert.equal(computeReward({ category: 'major_hazard', fine: 100_000 }, local).amount, 20_000);
});
