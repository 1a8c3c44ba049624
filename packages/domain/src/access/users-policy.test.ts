import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from './actor';
import type { Role } from './roles';
import { canManageUser, type ManagedUser } from './users-policy';

function actor(role: Role, over: Partial<Actor> = {}): Actor {
  return {
    userId: 'a',
    username: 'a',
    displayName: '管理者',
    role,
    orgId: null,
    regionCode: null,
    enterpriseId: null,
    ...over,
  };
}
const user = (
  role: Role,
  regionCode: string | null = null,
  enterpriseId: string | null = null,
): ManagedUser => ({
  role,
  regionCode,
  enterpriseId,
});

const sysadmin = actor('sysadmin');
const city = actor('city_office', { orgId: 'office-150600', regionCode: '150600' });
const cityRoleInDistrict = actor('city_office', { orgId: 'office-150622', regionCode: '150622' });
const jungar = actor('district_office', { orgId: 'office-150622', regionCode: '150622' });
const principal = actor('enterprise_principal', { enterpriseId: 'e1', regionCode: '150627' });

const rows: Array<[string, Actor, ManagedUser, boolean]> = [
  ['sysadmin manages another sysadmin', sysadmin, user('sysadmin'), true],
  ['sysadmin manages an enterprise employee', sysadmin, user('enterprise_staff', '150622', 'e9'), true],
  ['the city office cannot manage a sysadmin', city, user('sysadmin'), false],
  ['the city office manages another city office user', city, user('city_office', '150600'), true],
  ['the city office manages a district office', city, user('district_office', '150622'), true],
  ['the city office manages an inspector anywhere', city, user('inspector', '150624'), true],
  ['the city office manages an expert', city, user('expert'), true],
  [
    'the city office manages an enterprise principal',
    city,
    user('enterprise_principal', '150627', 'e1'),
    true,
  ],
  [
    'a city_office role outside the city region manages nobody',
    cityRoleInDistrict,
    user('inspector', '150622'),
    false,
  ],
  [
    'a district office manages its own district office colleagues',
    jungar,
    user('district_office', '150622'),
    true,
  ],
  ['a district office manages inspectors in its district', jungar, user('inspector', '150622'), true],
  [
    'a district office manages enterprise users in its district',
    jungar,
    user('enterprise_safety', '150622', 'e2'),
    true,
  ],
  ['a district office cannot manage another district', jungar, user('inspector', '150627'), false],
  [
    'a district office cannot manage enterprise users of another district',
    jungar,
    user('enterprise_staff', '150627', 'e1'),
    false,
  ],
  ['a district office cannot manage the city office', jungar, user('city_office', '150600'), false],
  ['a district office cannot manage a sysadmin', jungar, user('sysadmin'), false],
  ['a district office cannot manage an expert', jungar, user('expert', '150622'), false],
  ['a district office cannot manage a user with no region', jungar, user('inspector', null), false],
  [
    'a district office with no region manages nobody',
    actor('district_office'),
    user('inspector', null),
    false,
  ],
  [
    'an enterprise principal manages their safety manager',
    principal,
    user('enterprise_safety', '150627', 'e1'),
    true,
  ],
  [
    'an enterprise principal manages their employees',
    principal,
    user('enterprise_staff', '150627', 'e1'),
    true,
  ],
  [
    'an enterprise principal cannot manage another principal',
    principal,
    user('enterprise_principal', '150627', 'e1'),
    false,
  ],
  [
    'an enterprise principal cannot manage another enterprise staff',
    principal,
    user('enterprise_staff', '150627', 'e2'),
    false,
  ],
  ['an enterprise principal cannot manage an inspector', principal, user('inspector', '150627'), false],
  [
    'a principal without an enterprise manages nobody',
    actor('enterprise_principal'),
    user('enterprise_staff', '150627', null),
    false,
  ],
  [
    'an enterprise safety manager manages nobody',
    actor('enterprise_safety', { enterpriseId: 'e1' }),
    user('enterprise_staff', '150627', 'e1'),
    false,
  ],
  [
    'an inspector manages nobody',
    actor('inspector', { orgId: 'dept-150622-yjj', regionCode: '150622' }),
    user('enterprise_staff', '150622', 'e2'),
    false,
  ],
  ['an expert manages nobody', actor('expert'), user('expert'), false],
];
for (const [name, a, target, expected] of rows) {
  test(`canManageUser: ${name}`, () => {
    assert.equal(canManageUser(a, target), expected);
  });
}
