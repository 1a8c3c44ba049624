/**
 * Public verification of a printed permit: the QR code carries the number and a random token; the page
 * shows type, grade, validity, status and the enterprise, with people by name only — no identity
 * numbers, phones or certificate numbers.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permitStateName, permitTypeName } from '@zhiben/domain';
import { notFound } from '../http/errors';
import { findPermitByNumber } from './permits.repo';
import { gradeName, toPermit } from './permits.present';
import { expireDuePermits } from './permits.service';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const permitPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/api/public/permits/:number',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary: '作业票公开核验 Verify a printed permit (number + token from its QR code)',
        params: z.object({ number: z.string().max(50) }),
        querystring: z.object({ v: z.string().max(64).optional() }),
      },
    },
    async (req) => {
      let row = await findPermitByNumber(db, req.params.number);
      if (!row || !req.query.v || !same(row.verify_token, req.query.v)) throw notFound('作业票');
      const now = new Date();
      if ((await expireDuePermits(db, now, { id: row.id })).length)
        row = (await findPermitByNumber(db, req.params.number))!;
      const p = toPermit(row);
      const approver = p.signatures.find((s) => s.step === 'approver');
      return {
        number: row.number,
        type: row.type,
        typeName: permitTypeName(row.type),
        grade: row.grade,
        gradeName: gradeName(row.type, row.grade),
        status: row.status,
        statusName: permitStateName(row.status),
        valid: ['issued', 'in_progress', 'suspended'].includes(row.status) && now <= row.valid_until,
        plannedStart: p.plannedStart,
        plannedEnd: p.plannedEnd,
        validUntil: row.valid_until.toISOString(),
        enterpriseName: row.enterprise_name,
        location: p.location,
        workUnit: p.workUnit,
        workLeader: p.workLeader,
        workers: p.workers.map((w) => w.name),
        guardians: p.guardians.map((g) => g.name),
        approvedBy: approver?.name ?? null,
        approvedAt: approver?.at ?? null,
        checkedAt: now.toISOString(),
      };
    },
  );
};
