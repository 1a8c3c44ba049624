import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankMeasures, PERMIT_CHECKLISTS } from './checklists';
import { hotWork } from './permits.fixtures';
import { permitDraftSchema } from './schemas';
import { PERMIT_TYPE_CODES } from './types';

const draft = (over: Record<string, unknown> = {}) => {
  const {
    status: _s,
    signatures: _g,
    gasAnalyses: _a,
    interruptions: _i,
    guardianOnSite: _o,
    startedAt: _t,
    completedAt: _c,
    ...d
  } = hotWork();
  return { ...d, ...over };
};

test('a complete hot-work draft parses', () => {
  assert.ok(permitDraftSchema.safeParse(draft()).success);
});

const BAD: [string, Record<string, unknown>, string, string][] = [
  ['no guardian', { guardians: [] }, 'guardians', '特殊作业必须设监护人'],
  [
    'end before start',
    { plannedEnd: '2025-03-12T07:00:00+08:00' },
    'plannedEnd',
    '作业结束时间必须晚于开始时间',
  ],
  [
    'hot work without grade',
    { details: { method: '电焊', outdoor: false, oxygenEquipment: false } },
    'details.grade',
    '动火级别必须是 特级、一级 或 二级',
  ],
  [
    'height under 2 m',
    { type: 'height', details: { heightM: 1.5, objectiveFactors: [], outdoor: true } },
    'details.heightM',
    '高处作业指坠落高度基准面2 m及以上的作业',
  ],
  [
    'blind plate without plate number',
    {
      type: 'blind_plate',
      details: {
        action: 'insert',
        equipment: '进料管',
        pipelineId: 'P1',
        medium: '氮气',
        temperatureC: 20,
        pressureMPa: 0,
        plateMaterial: '碳钢',
        plateSize: 'DN100',
        locationDrawing: 'f1',
      },
    },
    'details.plateNumber',
    '请填写盲板编号',
  ],
  ['an empty work content', { content: '  ' }, 'content', '请填写作业内容'],
];
for (const [label, over, path, message] of BAD)
  test(`draft rejected: ${label}`, () => {
    const r = permitDraftSchema.safeParse(draft(over));
    assert.ok(!r.success);
    assert.ok(
      r.error.issues.some((i) => i.path.join('.') === path && i.message === message),
      JSON.stringify(r.error.issues),
    );
  });

for (const type of PERMIT_TYPE_CODES)
  test(`checklist of ${type}: unique codes, no more rows than the form, blank rows for a new permit`, () => {
    const c = PERMIT_CHECKLISTS[type];
    assert.equal(new Set(c.items.map((i) => i.code)).size, c.items.length);
    assert.ok(c.items.length > 0 && c.items.length <= c.formRows);
    assert.deepEqual(blankMeasures(type).length, c.items.length);
  });
