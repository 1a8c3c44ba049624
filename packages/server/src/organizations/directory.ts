import type { Kysely } from 'kysely';
import type { DB, OrganizationRow } from '../db/types';

export interface Organization {
  id: string;
  kind: OrganizationRow['kind'];
  level: OrganizationRow['level'];
  name: string;
  nameEn: string;
  regionCode: string;
  parentId: string | null;
  deptCode: string | null;
  sectors: string[];
}

/** Organisations are reference data (seeded by migration): loaded once and held in memory. */
export class OrgDirectory {
  private constructor(
    readonly list: Organization[],
    private readonly byId: Map<string, Organization>,
  ) {}

  static async load(db: Kysely<DB>): Promise<OrgDirectory> {
    const rows = await db.selectFrom('organizations').selectAll().orderBy('sort').execute();
    const list = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      level: r.level,
      name: r.name,
      nameEn: r.name_en,
      regionCode: r.region_code,
      parentId: r.parent_id,
      deptCode: r.dept_code,
      sectors: r.sectors,
    }));
    return new OrgDirectory(list, new Map(list.map((o) => [o.id, o])));
  }

  get(id: string): Organization | undefined {
    return this.byId.get(id);
  }

  name(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }
}
