import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from './actor';
import { ROLE_CODES, type Role } from './roles';
import { can, rolePermissions, PERMISSIONS, REGULATOR_ONLY_ENTERPRISE_FIELDS } from './permissions';

function actor(role: Role, tokenScopes?: string[]): Actor {
  return {
    userId: 'u1',
    username: 'u1',
    displayName: '用户',
    role,
    orgId: null,
    regionCode: null,
    enterpriseId: null,
    ...(tokenScopes ? { tokenScopes } : {}),
  };
}

test('sysadmin holds every permission', () => {
  assert.deepEqual([...rolePermissions('sysadmin')].sort(), [...PERMISSIONS].sort());
  for (const p of PERMISSIONS) assert.equal(can(actor('sysadmin'), p), true, p);
});

test('an expert holds no permission', () => {
  assert.deepEqual(rolePermissions('expert'), []);
  for (const p of PERMISSIONS) assert.equal(can(actor('expert'), p), false, p);
});

test('an expert token cannot grant what the role lacks', () => {
  assert.equal(can(actor('expert', ['enterprises:read']), 'enterprises:read'), false);
});

test('every role maps only to known permissions', () => {
  for (const r of ROLE_CODES)
    for (const p of rolePermissions(r)) assert.ok(PERMISSIONS.includes(p), `${r} ${p}`);
});

test('an interactive session holds all of its role permissions', () => {
  for (const r of ROLE_CODES) {
    for (const p of rolePermissions(r)) assert.equal(can(actor(r), p), true, `${r} ${p}`);
  }
});

test('a token narrows its owner permissions to its scopes', () => {
  const a = actor('city_office', ['enterprises:read']);
  assert.equal(can(a, 'enterprises:read'), true);
  assert.equal(can(a, 'enterprises:write'), false);
  assert.equal(can(a, 'users:read'), false);
});

test('a token scope the role lacks grants nothing', () => {
  const a = actor('enterprise_staff', ['enterprises:read', 'enterprises:write', 'users:write']);
  assert.equal(can(a, 'enterprises:read'), true);
  assert.equal(can(a, 'enterprises:write'), false);
  assert.equal(can(a, 'users:write'), false);
});

test('a token with no scopes can do nothing', () => {
  for (const p of PERMISSIONS) assert.equal(can(actor('sysadmin', []), p), false, p);
});

const roleRows: Array<[Role, string, boolean]> = [
  ['inspector', 'enterprises:import', true],
  ['inspector', 'users:read', false],
  ['inspector', 'audit:read', false],
  ['district_office', 'audit:read', true],
  ['enterprise_principal', 'users:write', true],
  ['enterprise_principal', 'enterprises:import', false],
  ['enterprise_safety', 'enterprises:write', true],
  ['enterprise_safety', 'tokens:manage', false],
  ['enterprise_staff', 'enterprises:read', true],
  ['enterprise_staff', 'enterprises:write', false],
];
for (const [role, p, expected] of roleRows) {
  test(`${role} ${expected ? 'holds' : 'lacks'} ${p}`, () => {
    assert.equal(can(actor(role), p as (typeof PERMISSIONS)[number]), expected);
  });
}

test('status, district, USCC and regulators are regulator-only fields', () => {
  assert.deepEqual([...REGULATOR_ONLY_ENTERPRISE_FIELDS].sort(), [
    'departmentIds',
    'districtCode',
    'status',
    'uscc',
  ]);
});
