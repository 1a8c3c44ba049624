import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from './actor';
import type { Role } from './roles';
import { enterpriseScope, inEnterpriseScope, type EnterpriseScope, type ScopedEnterprise } from './scope';

function actor(role: Role, over: Partial<Actor> = {}): Actor {
  return {
    userId: 'u1',
    username: 'u1',
    displayName: '用户',
    role,
    orgId: null,
    regionCode: null,
    enterpriseId: null,
    ...over,
  };
}

const scopes: Array<[string, Actor, EnterpriseScope]> = [
  ['sysadmin sees all', actor('sysadmin'), { kind: 'all' }],
  [
    'the city office sees all',
    actor('city_office', { orgId: 'office-150600', regionCode: '150600' }),
    { kind: 'all' },
  ],
  [
    'a city_office user whose region is a district sees nothing',
    actor('city_office', { orgId: 'office-150622', regionCode: '150622' }),
    { kind: 'none' },
  ],
  ['a city_office user without a region sees nothing', actor('city_office'), { kind: 'none' }],
  [
    'a district office sees its district',
    actor('district_office', { orgId: 'office-150622', regionCode: '150622' }),
    { kind: 'district', districtCode: '150622' },
  ],
  ['a district office without a region sees nothing', actor('district_office'), { kind: 'none' }],
  [
    'an inspector sees what their department regulates',
    actor('inspector', { orgId: 'dept-150627-yjj', regionCode: '150627' }),
    { kind: 'department', departmentId: 'dept-150627-yjj' },
  ],
  ['an inspector without a department sees nothing', actor('inspector'), { kind: 'none' }],
  [
    'an enterprise principal sees their enterprise',
    actor('enterprise_principal', { enterpriseId: 'e1' }),
    { kind: 'enterprise', enterpriseId: 'e1' },
  ],
  [
    'an enterprise safety manager sees their enterprise',
    actor('enterprise_safety', { enterpriseId: 'e1' }),
    { kind: 'enterprise', enterpriseId: 'e1' },
  ],
  [
    'an enterprise employee sees their enterprise',
    actor('enterprise_staff', { enterpriseId: 'e1' }),
    { kind: 'enterprise', enterpriseId: 'e1' },
  ],
  ['an enterprise user without an enterprise sees nothing', actor('enterprise_staff'), { kind: 'none' }],
  ['an expert sees nothing', actor('expert', { regionCode: '150600' }), { kind: 'none' }],
];
for (const [name, a, expected] of scopes) {
  test(`enterpriseScope: ${name}`, () => {
    assert.deepEqual(enterpriseScope(a), expected);
  });
}

const e: ScopedEnterprise = {
  id: 'e1',
  districtCode: '150627',
  departmentIds: ['dept-150600-yjj', 'dept-150627-yjj'],
};

const membership: Array<[string, EnterpriseScope, boolean]> = [
  ['all includes every enterprise', { kind: 'all' }, true],
  ['the enterprise district includes it', { kind: 'district', districtCode: '150627' }, true],
  ['another district excludes it', { kind: 'district', districtCode: '150622' }, false],
  [
    'the city department that regulates it includes it',
    { kind: 'department', departmentId: 'dept-150600-yjj' },
    true,
  ],
  [
    'the district department that regulates it includes it',
    { kind: 'department', departmentId: 'dept-150627-yjj' },
    true,
  ],
  [
    'the same department kind in another district excludes it',
    { kind: 'department', departmentId: 'dept-150622-yjj' },
    false,
  ],
  [
    'a department that does not regulate it excludes it',
    { kind: 'department', departmentId: 'dept-150600-jtj' },
    false,
  ],
  ['its own enterprise scope includes it', { kind: 'enterprise', enterpriseId: 'e1' }, true],
  ['another enterprise scope excludes it', { kind: 'enterprise', enterpriseId: 'e2' }, false],
  ['none excludes it', { kind: 'none' }, false],
];
for (const [name, scope, expected] of membership) {
  test(`inEnterpriseScope: ${name}`, () => {
    assert.equal(inEnterpriseScope(scope, e), expected);
  });
}
