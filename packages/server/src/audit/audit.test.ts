import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../test/harness';
import { enterprisePayload } from '../test/fixtures';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain';
import { verifyAudit } from './audit.repo';

describe('audit chain', () => {
  it('canonical JSON ignores key order and undefined', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: undefined, c: [2, { y: 1, x: 0 }] } }),
      '{"a":{"c":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it('chains hashes: a change in any field changes the hash', () => {
    const f = {
      seq: '1',
      at: new Date('2026-01-01T00:00:00Z'),
      actorId: null,
      actorName: 'a',
      orgId: null,
      action: 'x',
      entityType: 'e',
      entityId: '1',
      before: null,
      after: { n: 1 },
      ip: null,
    };
    const h = chainHash(GENESIS_HASH, f);
    assert.notEqual(chainHash(GENESIS_HASH, { ...f, after: { n: 2 } }), h);
    assert.notEqual(chainHash('1'.repeat(64), f), h);
  });

  describe('over the API', () => {
    let t: TestApp;
    let admin: string;
    before(async () => {
      t = await testApp();
      admin = await t.login('sysadmin');
      const city = await t.login('city-admin');
      for (let i = 0; i < 3; i++)
        await t.call('POST', '/api/enterprises', { cookie: city, body: enterprisePayload() });
    });
    after(() => t.close());

    it('records who did what, with before and after', async () => {
      const r = await t.call('GET', '/api/audit?action=enterprise.create', { cookie: admin });
      assert.equal(r.status, 200);
      const e = r.json.items[0];
      assert.match(e.actorName, /city-admin/);
      assert.equal(e.entityType, 'enterprise');
      assert.ok(e.after.uscc);
    });

    it('verifies an intact chain', async () => {
      const r = await t.call('GET', '/api/audit/verify', { cookie: admin });
      assert.equal(r.json.ok, true);
      assert.ok(r.json.count >= 4);
    });

    it('names the first broken link after an edit, a deletion and a truncation', async () => {
      const rows = await t.database.db.selectFrom('audit_log').select(['seq']).orderBy('seq').execute();
      const target = rows[2]!.seq;
      await sql`update audit_log set actor_name = 'mallory' where seq = ${target}`.execute(t.database.db);
      let v = await verifyAudit(t.database.db);
      assert.equal(v.ok, false);
      assert.equal(!v.ok && v.brokenAt, String(target));

      await sql`delete from audit_log where seq = ${target}`.execute(t.database.db);
      v = await verifyAudit(t.database.db);
      assert.equal(!v.ok && v.brokenAt, String(target));
      assert.match(!v.ok ? v.reason : '', /缺失/);

      const api = await t.call('GET', '/api/audit/verify', { cookie: admin });
      assert.equal(api.json.ok, false);
      assert.equal(api.json.brokenAt, String(target));
    });
  });

  describe('tail truncation', () => {
    let t: TestApp;
    before(async () => {
      t = await testApp();
    });
    after(() => t.close());
    it('is detected through the stored head', async () => {
      await t.login('city-admin');
      const last = await t.database.db
        .selectFrom('audit_log')
        .select('seq')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await sql`delete from audit_log where seq = ${last.seq}`.execute(t.database.db);
      const v = await verifyAudit(t.database.db);
      assert.equal(v.ok, false);
      assert.match(!v.ok ? v.reason : '', /截断/);
    });
  });
});
