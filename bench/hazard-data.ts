// Synthetic hazards for the benchmark: deterministic from a seed, bulk-inserted with
// `INSERT … SELECT FROM unnest(…)` in batches. Enterprise attributes (district, industry, sectors,
// department ids) are copied from the enterprise rows by the INSERT's join, as the service does.
import { criteriaSectorForEnterprise, hazardCode, shanghaiYear } from '@zhiben/domain';
import type { Database } from '../packages/server/src/db/connect';
import { mulberry32, type Rng } from '../packages/server/src/demo/generate';

export interface HazardDataOptions {
  hazards: number;
  /** Rows per INSERT. */
  batch?: number;
  seed?: number;
  /** Discoveries run from 2022-01-01 to the end of 2026-11 (Asia/Shanghai), never past `now`. */
  now?: Date;
  log?: (line: string) => void;
}

const DAY = 86_400_000;
const FIRST = Date.parse('2022-01-01T00:00:00+08:00');
const LAST = Date.parse('2026-12-01T00:00:00+08:00');

const TITLES: Record<string, readonly string[]> = {
  coal_mine: [
    '采掘工作面瓦斯超限作业',
    '井下局部通风机未实现“三专两闭锁”',
    '采空区积水未探放',
    '冲击地压防治措施未落实',
    '主要通风机房未设双回路供电',
    '井下防灭火系统不完善',
  ],
  hazardous_chemicals: [
    '液氨储罐区未设置紧急切断装置',
    '涉及重点监管危险化工工艺装置未实现自动化控制',
    '可燃气体检测报警装置失效',
    '装卸设施未设置防静电接地',
    '控制室未采取抗爆措施',
    '特殊作业未办理作业票',
  ],
  industry_trade: [
    '粉尘爆炸危险场所除尘系统未按规范设置',
    '有限空间作业未执行先通风再检测后作业',
    '高温熔融金属吊运未使用冶金起重机',
    '煤气区域未设置固定式一氧化碳检测报警装置',
    '涉氨制冷企业包装间未与制冷机房隔离',
  ],
  general: [
    '消防通道被杂物堵塞',
    '安全警示标志缺失',
    '配电箱未上锁且无漏电保护',
    '员工未按规定佩戴劳动防护用品',
    '应急照明灯损坏',
    '安全生产培训记录不全',
    '灭火器过期未更换',
    '临时用电线路私拉乱接',
    '设备防护罩缺失',
    '安全管理台账不完整',
  ],
};
const NAMES = [
  '王强',
  '李明',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄勇',
  '周涛',
  '吴军',
  '孙丽',
  '马超',
];
const LOCATIONS = [
  '一号车间',
  '罐区A',
  '罐区B',
  '综采工作面',
  '主井口',
  '配电室',
  '仓库',
  '装卸站',
  '锅炉房',
  '办公楼',
];
const SOURCES: ReadonlyArray<readonly [string, number]> = [
  ['self_check', 45],
  ['inspection', 34],
  ['expert', 8],
  ['supervision', 7],
  ['public_report', 3],
  ['monitoring', 3],
];

function weighted<T>(r: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = r() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![0];
}
const pick = <T>(r: Rng, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;

interface Ent {
  id: string;
  district: string;
  deptCode: string | null;
  criteriaSectors: string[];
}
interface Item {
  id: string;
  from: number;
  to: number;
}

/** Bulk-inserts `hazards` rows over the enterprises already in the database; returns timing. */
export async function generateHazards(
  database: Database,
  opts: HazardDataOptions,
): Promise<{ inserted: number; seconds: number; rowsPerSecond: number }> {
  const { pool } = database;
  const batch = opts.batch ?? 20_000;
  const now = (opts.now ?? new Date()).getTime();
  const last = Math.min(LAST, now - DAY);
  const r = mulberry32(opts.seed ?? 20261203);
  const log = opts.log ?? (() => {});

  const orgs = new Map(
    (
      await pool.query<{ id: string; dept_code: string | null }>('select id, dept_code from organizations')
    ).rows.map((o) => [o.id, o.dept_code]),
  );
  const ents: Ent[] = (
    await pool.query<{
      id: string;
      district_code: string;
      industry_code: string;
      sectors: string[];
      categories: string[];
      department_ids: string[];
    }>(
      'select id, district_code, industry_code, sectors, categories, department_ids from enterprises order by id',
    )
  ).rows.map((e) => ({
    id: e.id,
    district: e.district_code,
    deptCode: e.department_ids.map((d) => orgs.get(d)).find((c): c is string => !!c) ?? null,
    criteriaSectors: criteriaSectorForEnterprise(e.industry_code, e.sectors, e.categories),
  }));
  if (ents.length === 0) throw new Error('no enterprises: seed them first');
  const items = new Map<string, Item[]>();
  for (const c of (
    await pool.query<{ id: string; sector: string; effective_from: string; effective_to: string | null }>(
      'select id, sector, effective_from::text, effective_to::text from criteria_items',
    )
  ).rows) {
    const list = items.get(c.sector) ?? [];
    list.push({
      id: c.id,
      from: Date.parse(`${c.effective_from}T00:00:00+08:00`),
      to: c.effective_to ? Date.parse(`${c.effective_to}T00:00:00+08:00`) + DAY : Infinity,
    });
    items.set(c.sector, list);
  }
  const allItems = [...items.values()].flat();
  if (allItems.length === 0) throw new Error('no criteria items: run syncBuiltinCriteria first');
  const criterionFor = (e: Ent, at: number): string => {
    for (const s of e.criteriaSectors) {
      const inForce = (items.get(s) ?? []).filter((i) => i.from <= at && at < i.to);
      if (inForce.length) return pick(r, inForce).id;
    }
    return pick(
      r,
      allItems.filter((i) => i.from <= at && at < i.to),
    ).id;
  };

  // Discovery times first, sorted: hazards reach the table roughly in the order they are found, so the
  // heap is clustered by time as in production (and YH sequence numbers follow discovery order).
  const times = new Float64Array(opts.hazards);
  for (let i = 0; i < times.length; i++) {
    // More hazards in recent years (wider adoption), found during working hours (Asia/Shanghai).
    const u = r() < 0.5 ? r() : Math.sqrt(r());
    const day = Math.floor((u * (last - FIRST)) / DAY);
    times[i] = Math.floor(FIRST + day * DAY + (8 + r() * 10) * 3600_000);
  }
  times.sort();

  const counters = new Map<string, number>();
  const t0 = performance.now();
  let done = 0;
  while (done < opts.hazards) {
    const n = Math.min(batch, opts.hazards - done);
    const cols = {
      code: [] as string[],
      enterprise: [] as string[],
      grade: [] as string[],
      criterion: [] as Array<string | null>,
      title: [] as string[],
      description: [] as string[],
      location: [] as string[],
      source: [] as string[],
      discovered: [] as string[],
      by: [] as string[],
      status: [] as string[],
      deadline: [] as string[],
      plan: [] as Array<string | null>,
      dept: [] as Array<string | null>,
      rejections: [] as number[],
      supervised: [] as boolean[],
      closed: [] as Array<string | null>,
      accepted: [] as Array<string | null>,
      updated: [] as string[],
    };
    for (let k = 0; k < n; k++) {
      // A few enterprises have many hazards: skew the pick towards the front of the list.
      const e = ents[Math.floor(ents.length * r() ** 1.6)]!;
      const discovered = times[done + k]!;
      const major = r() < 0.15;
      const grade = major ? 'major' : 'general';
      const span = (major ? 30 + r() * 150 : 7 + r() * 23) * DAY;
      const deadline = discovered + span;
      const age = (now - discovered) / DAY;
      const status =
        age > 365
          ? weighted(r, [
              ['closed', 96],
              ['dismissed', 3],
              ['rectifying', 0.8],
              ['pending_acceptance', 0.2],
            ] as const)
          : age > 90
            ? weighted(r, [
                ['closed', 86],
                ['dismissed', 3],
                ['rectifying', 8],
                ['pending_acceptance', 2.5],
                ['reported', 0.5],
              ] as const)
            : weighted(r, [
                ['closed', 45],
                ['dismissed', 2],
                ['rectifying', 35],
                ['pending_acceptance', 10],
                ['reported', 8],
              ] as const);
      let closed: number | null = null;
      if (status === 'closed') {
        closed = discovered + (r() < 0.1 ? 1 + r() * 0.5 : 0.2 + r() * 0.8) * span;
        closed = Math.min(closed, now - 3600_000);
      }
      const year = shanghaiYear(new Date(discovered));
      const ck = `${e.district}-${year}`;
      const seq = (counters.get(ck) ?? 0) + 1;
      counters.set(ck, seq);
      const titles = major ? (TITLES[e.criteriaSectors[0]!] ?? TITLES.industry_trade!) : TITLES.general!;
      const title = pick(r, titles);
      const rej = r();
      cols.code.push(hazardCode(e.district, year, seq));
      cols.enterprise.push(e.id);
      cols.grade.push(grade);
      cols.criterion.push(major ? criterionFor(e, discovered) : null);
      cols.title.push(title);
      cols.description.push(`${title}，现场检查发现，需按期整改。`);
      cols.location.push(pick(r, LOCATIONS));
      cols.source.push(weighted(r, SOURCES));
      cols.discovered.push(new Date(discovered).toISOString());
      cols.by.push(pick(r, NAMES));
      cols.status.push(status);
      cols.deadline.push(new Date(deadline).toISOString());
      cols.plan.push(
        major
          ? JSON.stringify({
              responsible: pick(r, NAMES),
              measures: `针对“${title}”制定专项整改方案，落实人员、资金和时限`,
              funds: Math.round(r() * 500) * 1000,
              deadline: new Date(deadline).toISOString(),
              emergencyPlan: '整改期间加强巡检，落实监控和应急措施',
            })
          : null,
      );
      cols.dept.push(e.deptCode);
      cols.rejections.push(rej < 0.02 ? 2 : rej < 0.12 ? 1 : 0);
      cols.supervised.push(major && status !== 'closed' && status !== 'dismissed' ? r() < 0.3 : r() < 0.01);
      cols.closed.push(closed === null ? null : new Date(closed).toISOString());
      cols.accepted.push(closed === null ? null : pick(r, NAMES));
      cols.updated.push(new Date(closed ?? discovered).toISOString());
    }
    await pool.query(
      `INSERT INTO hazards (code, enterprise_id, district_code, industry_code, sectors, department_ids, grade,
         criterion_id, title, description, location, source, discovered_at, discovered_by_name, status, deadline,
         plan, department_code, rejections, supervised, closed_at, accepted_by_name, accepted_by, created_at, updated_at)
       SELECT u.code, u.enterprise_id, e.district_code, e.industry_code, e.sectors, e.department_ids, u.grade,
         u.criterion_id, u.title, u.description, u.location, u.source, u.discovered_at, u.by, u.status, u.deadline,
         u.plan, u.dept, u.rejections, u.supervised, u.closed_at, u.accepted, NULL, u.discovered_at, u.updated_at
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::timestamptz[], $10::text[], $11::text[], $12::timestamptz[], $13::jsonb[], $14::text[], $15::int[],
         $16::boolean[], $17::timestamptz[], $18::text[], $19::timestamptz[])
         AS u(code, enterprise_id, grade, criterion_id, title, description, location, source, discovered_at, by,
              status, deadline, plan, dept, rejections, supervised, closed_at, accepted, updated_at)
       JOIN enterprises e ON e.id = u.enterprise_id`,
      [
        cols.code,
        cols.enterprise,
        cols.grade,
        cols.criterion,
        cols.title,
        cols.description,
        cols.location,
        cols.source,
        cols.discovered,
        cols.by,
        cols.status,
        cols.deadline,
        cols.plan,
        cols.dept,
        cols.rejections,
        cols.supervised,
        cols.closed,
        cols.accepted,
        cols.updated,
      ],
    );
    done += n;
    if (done % 200_000 < batch || done === opts.hazards) {
      const s = (performance.now() - t0) / 1000;
      log(`  ${done} hazards in ${s.toFixed(1)} s (${Math.round(done / s)} rows/s)`);
    }
  }
  // The next YH code of each district and year continues after the generated ones.
  const keys = [...counters.keys()];
  await pool.query(
    `INSERT INTO hazard_counters (district_code, year, last)
     SELECT d, y, l FROM unnest($1::text[], $2::int[], $3::int[]) AS u(d, y, l)
     ON CONFLICT (district_code, year) DO UPDATE SET last = greatest(hazard_counters.last, excluded.last)`,
    [
      keys.map((k) => k.split('-')[0]),
      keys.map((k) => Number(k.split('-')[1])),
      keys.map((k) => counters.get(k)),
    ],
  );
  const seconds = (performance.now() - t0) / 1000;
  // VACUUM sets the visibility map (index-only scans), as autovacuum does after a bulk insert.
  await pool.query('VACUUM ANALYZE hazards');
  await pool.query('ANALYZE');
  return { inserted: done, seconds, rowsPerSecond: done / seconds };
}
