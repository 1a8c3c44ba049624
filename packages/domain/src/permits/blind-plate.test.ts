import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blindPlateConflicts, checkBlindPlateAgainst, type BlindPlatePermitLike } from './blind-plate';
import { HOUR, T0, plus } from './permits.fixtures';

const bp = (
  number: string,
  over: Partial<BlindPlatePermitLike> = {},
  d: Partial<BlindPlatePermitLike['details']> = {},
): BlindPlatePermitLike => ({
  number,
  status: 'issued',
  plannedStart: T0,
  plannedEnd: plus(4 * HOUR),
  ...over,
  details: { pipelineId: 'P-101', plateNumber: 'MB-1', action: 'insert', ...d },
});

const ROWS: [string, BlindPlatePermitLike, BlindPlatePermitLike[], string[]][] = [
  ['same plate, same action, another active permit', bp('A'), [bp('B')], ['BLIND_PLATE_DUPLICATE']],
  [
    'same plate, the other action',
    bp('A'),
    [bp('B', {}, { action: 'remove', plateNumber: 'MB-1' })],
    ['BLIND_PLATE_SAME_PIPELINE'],
  ],
  [
    'another plate on the same pipeline, overlapping',
    bp('A'),
    [bp('B', {}, { plateNumber: 'MB-2' })],
    ['BLIND_PLATE_SAME_PIPELINE'],
  ],
  [
    'another plate on the same pipeline, back to back',
    bp('A'),
    [bp('B', { plannedStart: plus(4 * HOUR), plannedEnd: plus(6 * HOUR) }, { plateNumber: 'MB-2' })],
    [],
  ],
  [
    'another plate on another pipeline',
    bp('A'),
    [bp('B', {}, { plateNumber: 'MB-2', pipelineId: 'P-102' })],
    [],
  ],
  [
    'same pipeline, the other permit closed',
    bp('A'),
    [bp('B', { status: 'closed' }, { plateNumber: 'MB-2' })],
    [],
  ],
  [
    'same pipeline, the other permit in progress',
    bp('A'),
    [bp('B', { status: 'in_progress' }, { plateNumber: 'MB-2' })],
    ['BLIND_PLATE_SAME_PIPELINE'],
  ],
  [
    'same pipeline, the other permit still a draft',
    bp('A'),
    [bp('B', { status: 'draft' }, { plateNumber: 'MB-2' })],
    [],
  ],
  ['the permit itself is skipped', bp('A'), [bp('A')], []],
];
for (const [label, permit, others, codes] of ROWS)
  test(`blind plate: ${label} → ${codes.length ? codes.join(', ') : 'no conflict'}`, () => {
    assert.deepEqual(
      checkBlindPlateAgainst(permit, others).map((v) => v.code),
      codes,
    );
  });

test('blind-plate conflicts over a set: each active pair once', () => {
  const set = [
    bp('A'),
    bp('B', { status: 'in_progress' }, { plateNumber: 'MB-2' }),
    bp('C', {}, { pipelineId: 'P-200', plateNumber: 'MB-9' }),
    bp('D', { status: 'cancelled' }, { plateNumber: 'MB-3' }),
  ];
  const c = blindPlateConflicts(set);
  assert.deepEqual(
    c.map((x) => [x.numbers, x.violation.code, x.violation.clause]),
    [[['A', 'B'], 'BLIND_PLATE_SAME_PIPELINE', 'GB 30871-2022 7']],
  );
});
