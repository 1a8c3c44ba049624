/**
 * Qualifications (§4.9, §4.10; domain-facts §1.2): workers named on a permit hold a valid certificate for
 * that work where one is required, and every guardian has had the special training.
 *
 * Which certificate a type needs is only partly in domain-facts:
 * - temp_power → electrician: [V] the form records electricians' certificate numbers (§1.12).
 * - hot_work → welding and thermal cutting, height → work at height, lifting → crane operation: [M] the
 *   usual 特种作业/特种设备 certificates; domain-facts says only that special-type and special-equipment
 *   operators hold certificates. A hot-work method without welding or cutting (e.g. grinding) needs none:
 *   the permit's worker row says so with certificateType null.
 * - confined_space, blind_plate, excavation, road_closure → none required [GAP]: no certificate named.
 * A worker row's own certificateType overrides the type's default (a slinger on a lifting permit, say).
 */
import { shanghaiDay } from '../hazards/calendar';
import type { Permit } from './model';
import type { PermitType } from './types';
import { violation, type PermitViolation } from './violations';

export const CERTIFICATE_TYPES = [
  { code: 'welding_cutting', name: '焊接与热切割作业' },
  { code: 'height_work', name: '高处作业' },
  { code: 'electrician', name: '电工作业' },
  { code: 'crane_operation', name: '起重机械作业' },
  { code: 'crane_signalling', name: '起重机械指挥、司索作业' },
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number]['code'];

export const PERMIT_CERTIFICATE: Record<PermitType, CertificateType | null> = {
  hot_work: 'welding_cutting',
  confined_space: null,
  blind_plate: null,
  height: 'height_work',
  lifting: 'crane_operation',
  temp_power: 'electrician',
  excavation: null,
  road_closure: null,
};

export interface RegisteredWorker {
  id: string;
  certificates: { type: string; number: string; validUntil: string }[];
  guardianTrained: boolean;
}

const certName = (code: string) => CERTIFICATE_TYPES.find((c) => c.code === code)?.name ?? code;

/**
 * A certificate is valid through its validUntil: a bare date 'YYYY-MM-DD' through the end of that day in
 * Asia/Shanghai, an instant up to and including it.
 */
export function certificateValid(validUntil: string, now: Date): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) return shanghaiDay(now) <= validUntil;
  return now.getTime() <= Date.parse(validUntil);
}

/** Violations for the permit's workers and guardians against the worker registry. */
export function checkWorkers(
  p: Pick<Permit, 'type' | 'workers' | 'guardians'>,
  registry: readonly RegisteredWorker[],
  now: Date,
): PermitViolation[] {
  const out: PermitViolation[] = [];
  const find = (id?: string) => (id ? registry.find((w) => w.id === id) : undefined);
  for (const row of p.workers) {
    const required = row.certificateType === undefined ? PERMIT_CERTIFICATE[p.type] : row.certificateType;
    if (!required) continue;
    const w = find(row.workerId);
    if (!w) {
      out.push(
        violation(
          'WORKER_UNKNOWN',
          `作业人员${row.name}不在人员登记库中，无法核验其${certName(required)}证书`,
        ),
      );
      continue;
    }
    const certs = w.certificates.filter((c) => c.type === required);
    const current = certs.find((c) => certificateValid(c.validUntil, now));
    if (!certs.length)
      out.push(violation('WORKER_CERTIFICATE_MISSING', `作业人员${row.name}未持有${certName(required)}证书`));
    else if (!current)
      out.push(
        violation(
          'WORKER_CERTIFICATE_EXPIRED',
          `作业人员${row.name}的${certName(required)}证书已过期（有效期至${certs
            .map((c) => c.validUntil)
            .sort()
            .pop()}）`,
        ),
      );
    else if (row.certificateNumber && !certs.some((c) => c.number === row.certificateNumber))
      out.push(
        violation(
          'WORKER_CERTIFICATE_MISMATCH',
          `作业人员${row.name}的证书编号${row.certificateNumber}与登记的${certName(required)}证书不符`,
        ),
      );
  }
  for (const g of p.guardians) {
    const w = find(g.workerId);
    if (!w?.guardianTrained)
      out.push(
        violation(
          'GUARDIAN_UNTRAINED',
          `监护人${g.name}${w ? '未经监护人专项培训' : '不在人员登记库中，无法核验其培训情况'}`,
        ),
      );
  }
  return out;
}
