import type { Kysely } from 'kysely';
import {
  can,
  deriveDepartmentIds,
  enterpriseScope,
  findIndustry,
  inEnterpriseScope,
  REGULATOR_ONLY_ENTERPRISE_FIELDS,
  type Actor,
  type EnterpriseCreate,
  type EnterprisePatch,
} from '@zhiben/domain';
import type { DB, EnterpriseRow, NewEnterprise, EnterpriseUpdate } from '../db/types';
import { AppError, conflict, forbidden, invalid, notFound, type FieldError } from '../http/errors';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import type { OrgDirectory } from '../organizations/directory';
import { existingUsccs, findEnterprise, insertEnterprises, updateEnterprise } from './enterprises.repo';
import { presentEnterprise } from './enterprises.present';

/** Department overrides must name departments at city level or in the enterprise's own district. */
export function checkDepartmentIds(
  orgs: OrgDirectory,
  ids: readonly string[],
  districtCode: string,
): FieldError[] {
  return ids.flatMap((id, i) => {
    const o = orgs.get(id);
    if (!o || o.kind !== 'department')
      return [{ path: `departmentIds.${i}`, message: `“${id}”不是行业监管部门` }];
    if (o.level === 'district' && o.regionCode !== districtCode)
      return [{ path: `departmentIds.${i}`, message: `${o.name}不监管其他旗区的企业` }];
    return [];
  });
}

/** Maps a validated create payload to a row; department ids derived unless given. */
export function toNewEnterprise(input: EnterpriseCreate): NewEnterprise {
  const overridden = input.departmentIds !== undefined;
  return {
    name: input.name,
    uscc: input.uscc,
    district_code: input.districtCode,
    industry_code: input.industryCode,
    industry_name: findIndustry(input.industryCode)?.name ?? '',
    address: input.address,
    lng: input.location?.lng ?? null,
    lat: input.location?.lat ?? null,
    sectors: input.sectors,
    categories: input.categories,
    scale: input.scale,
    standardization_level: input.standardizationLevel,
    employees: input.employees,
    principal: JSON.stringify(input.principal),
    actual_controller: JSON.stringify(input.actualController),
    department_ids:
      input.departmentIds ?? deriveDepartmentIds(input.districtCode, input.industryCode, input.sectors),
    departments_overridden: overridden,
    status: input.status,
    updated_at: new Date(),
  };
}

/** Whether the actor may hold a (new or changed) enterprise with these attributes in its scope. */
function scopeAllows(
  actor: Actor,
  e: { id: string; districtCode: string; departmentIds: readonly string[] },
) {
  return inEnterpriseScope(enterpriseScope(actor), e);
}

export async function createEnterprise(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  input: EnterpriseCreate,
  ctx: AuditContext,
) {
  if (!can(actor, 'enterprises:write') || actor.enterpriseId) throw forbidden('当前账号不能新增企业');
  const row = toNewEnterprise(input);
  const errors = checkDepartmentIds(orgs, row.department_ids, row.district_code);
  if (errors.length) throw invalid(errors);
  if (!scopeAllows(actor, { id: '', districtCode: row.district_code, departmentIds: row.department_ids })) {
    throw forbidden('只能新增本辖区（本部门监管范围）内的企业');
  }
  return db.transaction().execute(async (trx) => {
    if ((await existingUsccs(trx, [row.uscc])).size) {
      throw conflict('统一社会信用代码已存在', [{ path: 'uscc', message: '该统一社会信用代码已登记' }]);
    }
    const [created] = await insertEnterprises(trx, [row]);
    const presented = presentEnterprise(created!, orgs);
    await appendAudit(trx, ctx, [
      { action: 'enterprise.create', entityType: 'enterprise', entityId: created!.id, after: presented },
    ]);
    return presented;
  });
}

export async function patchEnterprise(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  id: string,
  patch: EnterprisePatch,
  ctx: AuditContext,
) {
  if (!can(actor, 'enterprises:write')) throw forbidden('当前账号不能修改企业信息');
  const scope = enterpriseScope(actor);
  return db.transaction().execute(async (trx) => {
    const before = await findEnterprise(trx, id, scope);
    if (!before) throw notFound('企业');
    if (patch.version !== undefined && patch.version !== before.version) {
      throw conflict('该企业信息已被他人修改，请刷新后重试', [{ path: 'version', message: '版本已过期' }]);
    }
    if (actor.enterpriseId) {
      const touched = REGULATOR_ONLY_ENTERPRISE_FIELDS.filter((f) => patch[f] !== undefined);
      if (touched.length) {
        throw new AppError(
          'forbidden',
          '企业用户不能修改由监管部门维护的字段',
          touched.map((f) => ({ path: f, message: '该字段由监管部门维护' })),
        );
      }
    }
    const set = toUpdate(before, patch);
    const errors = set.department_ids
      ? checkDepartmentIds(orgs, set.department_ids, set.district_code ?? before.district_code)
      : [];
    if (errors.length) throw invalid(errors);
    if (set.uscc && set.uscc !== before.uscc && (await existingUsccs(trx, [set.uscc])).size) {
      throw conflict('统一社会信用代码已存在', [{ path: 'uscc', message: '该统一社会信用代码已登记' }]);
    }
    const after = await updateEnterprise(trx, id, set);
    if (!scopeAllows(actor, { id, districtCode: after.district_code, departmentIds: after.department_ids })) {
      throw forbidden('修改后该企业将超出您的监管范围');
    }
    const presented = presentEnterprise(after, orgs);
    await appendAudit(trx, ctx, [
      {
        action: 'enterprise.update',
        entityType: 'enterprise',
        entityId: id,
        before: presentEnterprise(before, orgs),
        after: presented,
      },
    ]);
    return presented;
  });
}

/** Explicit field mapping for a patch; regulators re-derived when industry, sectors or district change. */
function toUpdate(before: EnterpriseRow, p: EnterprisePatch): EnterpriseUpdate {
  const set: EnterpriseUpdate = {};
  if (p.name !== undefined) set.name = p.name;
  if (p.uscc !== undefined) set.uscc = p.uscc;
  if (p.districtCode !== undefined) set.district_code = p.districtCode;
  if (p.industryCode !== undefined) {
    set.industry_code = p.industryCode;
    set.industry_name = findIndustry(p.industryCode)?.name ?? '';
  }
  if (p.address !== undefined) set.address = p.address;
  if (p.location !== undefined) {
    set.lng = p.location?.lng ?? null;
    set.lat = p.location?.lat ?? null;
  }
  if (p.sectors !== undefined) set.sectors = p.sectors;
  if (p.categories !== undefined) set.categories = p.categories;
  if (p.scale !== undefined) set.scale = p.scale;
  if (p.standardizationLevel !== undefined) set.standardization_level = p.standardizationLevel;
  if (p.employees !== undefined) set.employees = p.employees;
  if (p.principal !== undefined) set.principal = JSON.stringify(p.principal);
  if (p.actualController !== undefined) set.actual_controller = JSON.stringify(p.actualController);
  if (p.status !== undefined) set.status = p.status;

  const district = set.district_code ?? before.district_code;
  const industry = set.industry_code ?? before.industry_code;
  const sectors = set.sectors ?? before.sectors;
  if (p.departmentIds === null) {
    set.department_ids = deriveDepartmentIds(district, industry, sectors);
    set.departments_overridden = false;
  } else if (p.departmentIds !== undefined) {
    set.department_ids = p.departmentIds;
    set.departments_overridden = true;
  } else if (!before.departments_overridden && (set.district_code || set.industry_code || set.sectors)) {
    set.department_ids = deriveDepartmentIds(district, industry, sectors);
  }
  return set;
}
