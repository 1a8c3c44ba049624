import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWorkers, type RegisteredWorker } from './qualifications';
import type { Permit } from './model';

const NOW = new Date('2025-03-12T10:00:00+08:00');
const registry: RegisteredWorker[] = [
  {
    id: 'welder',
    certificates: [{ type: 'welding_cutting', number: 'T1', validUntil: '2026-01-01' }],
    guardianTrained: false,
  },
  {
    id: 'welder-today',
    certificates: [{ type: 'welding_cutting', number: 'T2', validUntil: '2025-03-12' }],
    guardianTrained: false,
  },
  {
    id: 'welder-old',
    certificates: [{ type: 'welding_cutting', number: 'T3', validUntil: '2025-03-11' }],
    guardianTrained: false,
  },
  {
    id: 'welder-instant',
    certificates: [{ type: 'welding_cutting', number: 'T4', validUntil: '2025-03-12T09:59:00+08:00' }],
    guardianTrained: false,
  },
  {
    id: 'electrician',
    certificates: [{ type: 'electrician', number: 'E1', validUntil: '2026-01-01' }],
    guardianTrained: false,
  },
  { id: 'guard', certificates: [], guardianTrained: true },
  { id: 'untrained', certificates: [], guardianTrained: false },
];
type P = Pick<Permit, 'type' | 'workers' | 'guardians'>;
const p = (
  type: Permit['type'],
  workers: P['workers'],
  guardians: P['guardians'] = [{ workerId: 'guard', name: '王监护' }],
): P => ({
  type,
  workers,
  guardians,
});

const ROWS: [string, P, string[]][] = [
  ['welder with a valid certificate', p('hot_work', [{ workerId: 'welder', name: '甲' }]), []],
  ['certificate valid through today (date)', p('hot_work', [{ workerId: 'welder-today', name: '甲' }]), []],
  [
    'certificate expired yesterday',
    p('hot_work', [{ workerId: 'welder-old', name: '甲' }]),
    ['WORKER_CERTIFICATE_EXPIRED'],
  ],
  [
    'certificate expired a minute ago (instant)',
    p('hot_work', [{ workerId: 'welder-instant', name: '甲' }]),
    ['WORKER_CERTIFICATE_EXPIRED'],
  ],
  [
    'electrician on hot work: no welding certificate',
    p('hot_work', [{ workerId: 'electrician', name: '乙' }]),
    ['WORKER_CERTIFICATE_MISSING'],
  ],
  [
    'grinder operator: row says none needed',
    p('hot_work', [{ workerId: 'electrician', name: '乙', certificateType: null }]),
    [],
  ],
  ['electrician on temporary power', p('temp_power', [{ workerId: 'electrician', name: '乙' }]), []],
  ['worker not in the registry', p('temp_power', [{ workerId: 'nobody', name: '丙' }]), ['WORKER_UNKNOWN']],
  [
    'certificate number does not match',
    p('temp_power', [{ workerId: 'electrician', name: '乙', certificateNumber: 'E9' }]),
    ['WORKER_CERTIFICATE_MISMATCH'],
  ],
  [
    'confined space: no certificate required [GAP]',
    p('confined_space', [{ workerId: 'untrained', name: '丁' }]),
    [],
  ],
  [
    'guardian without training',
    p('confined_space', [], [{ workerId: 'untrained', name: '戊' }]),
    ['GUARDIAN_UNTRAINED'],
  ],
  ['guardian not in the registry', p('confined_space', [], [{ name: '己' }]), ['GUARDIAN_UNTRAINED']],
];
for (const [label, permit, codes] of ROWS)
  test(`workers: ${label} → ${codes.length ? codes.join(', ') : 'ok'}`, () => {
    assert.deepEqual(
      checkWorkers(permit, registry, NOW).map((v) => v.code),
      codes,
    );
  });
