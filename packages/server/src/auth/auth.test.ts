import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../test/harness';

describe('authentication', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('logs in with an HttpOnly SameSite cookie and answers /me with role and organisation', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'district-150627', password: 'zhiben-demo' },
    });
    assert.equal(r.statusCode, 200);
    const cookie = String(r.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const me = await t.call('GET', '/api/auth/me', { cookie: cookie.split(';')[0] });
    assert.equal(me.json.role, 'district_office');
    assert.equal(me.json.regionCode, '150627');
    assert.equal(me.json.orgName, '伊金霍洛旗安全生产委员会办公室');
    assert.ok(me.json.permissions.includes('enterprises:read'));
  });

  it('answers 401 problem+json in Chinese to a wrong password', async () => {
    const r = await t.call('POST', '/api/auth/login', {
      body: { username: 'city-admin', password: 'nope-nope-1' },
    });
    assert.equal(r.status, 401);
    assert.match(String(r.headers['content-type']), /problem\+json/);
    assert.equal(r.json.detail, '用户名或密码错误');
  });

  it('validates the login body with field errors', async () => {
    const r = await t.call('POST', '/api/auth/login', { body: { username: '' } });
    assert.equal(r.status, 400);
    const paths = r.json.errors.map((e: { path: string }) => e.path).sort();
    assert.deepEqual(paths, ['password', 'username']);
  });

  it('locks an account for 15 minutes after 5 failed logins, even with the right password', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.call('POST', '/api/auth/login', {
        body: { username: 'inspector-nyj', password: 'wrong-pass-1' },
      });
      assert.equal(r.status, 401);
    }
    const fifth = await t.call('POST', '/api/auth/login', {
      body: { username: 'inspector-nyj', password: 'wrong-pass-1' },
    });
    assert.equal(fifth.status, 423);
    const right = await t.call('POST', '/api/auth/login', {
      body: { username: 'inspector-nyj', password: 'zhiben-demo' },
    });
    assert.equal(right.status, 423);
    const until = new Date(right.json.lockedUntil).getTime();
    assert.ok(until - Date.now() > 14 * 60_000 && until - Date.now() <= 15 * 60_000);
    // an administrator unlocks it
    const admin = await t.login('sysadmin');
    const users = await t.call('GET', '/api/users?keyword=inspector-nyj', { cookie: admin });
    const id = users.json.items[0].id;
    assert.ok(users.json.items[0].lockedUntil);
    assert.equal((await t.call('POST', `/api/users/${id}/actions/unlock`, { cookie: admin })).status, 200);
    assert.equal(
      (
        await t.call('POST', '/api/auth/login', {
          body: { username: 'inspector-nyj', password: 'zhiben-demo' },
        })
      ).status,
      200,
    );
  });

  it('expires a session after the idle timeout', async () => {
    const cookie = await t.login('city-admin');
    assert.equal((await t.call('GET', '/api/auth/me', { cookie })).status, 200);
    await sql`update sessions set last_seen_at = now() - interval '31 minutes'`.execute(t.database.db);
    assert.equal((await t.call('GET', '/api/auth/me', { cookie })).status, 401);
  });

  it('logs out and the cookie stops working', async () => {
    const cookie = await t.login('city-admin');
    assert.equal((await t.call('POST', '/api/auth/logout', { cookie })).status, 204);
    assert.equal((await t.call('GET', '/api/auth/me', { cookie })).status, 401);
  });

  it('changes a password under the policy', async () => {
    const cookie = await t.login('expert-demo');
    const weak = await t.call('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: 'zhiben-demo', newPassword: 'short' },
    });
    assert.equal(weak.status, 400);
    assert.ok(weak.json.errors.every((e: { path: string }) => e.path === 'newPassword'));
    const wrong = await t.call('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: 'x', newPassword: 'Better-pass-2026' },
    });
    assert.equal(wrong.status, 400);
    const ok = await t.call('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: 'zhiben-demo', newPassword: 'Better-pass-2026' },
    });
    assert.equal(ok.status, 204);
    assert.equal(
      (
        await t.call('POST', '/api/auth/login', {
          body: { username: 'expert-demo', password: 'Better-pass-2026' },
        })
      ).status,
      200,
    );
  });

  it('issues scoped API tokens shown once, stored hashed, revocable', async () => {
    const cookie = await t.login('district-150627');
    const created = await t.call('POST', '/api/tokens', {
      cookie,
      body: { name: '旗区系统对接', scopes: ['enterprises:read'] },
    });
    assert.equal(created.status, 201);
    const token = created.json.token as string;
    assert.match(token, /^zbt_/);
    const stored = await t.database.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    const list = await t.call('GET', '/api/tokens', { cookie });
    assert.ok(!JSON.stringify(list.json).includes(token));
    const bearer = { authorization: `Bearer ${token}` };
    const ents = await t.call('GET', '/api/enterprises?pageSize=100', { headers: bearer });
    assert.equal(ents.status, 200);
    assert.ok(ents.json.items.every((e: { districtCode: string }) => e.districtCode === '150627'));
    // scope: read only
    const write = await t.call('POST', '/api/enterprises', { headers: bearer, body: {} });
    assert.equal(write.status, 403);
    // a token cannot exceed its owner's role
    const tooMuch = await t.call('POST', '/api/tokens', {
      cookie: await t.login('enterprise-demo'),
      body: { name: 'x', scopes: ['audit:read'] },
    });
    assert.equal(tooMuch.status, 400);
    assert.equal(tooMuch.json.errors[0].path, 'scopes.0');
    const revoke = await t.call('POST', `/api/tokens/${created.json.id}/actions/revoke`, { cookie });
    assert.equal(revoke.status, 200);
    assert.equal((await t.call('GET', '/api/enterprises', { headers: bearer })).status, 401);
  });
});
