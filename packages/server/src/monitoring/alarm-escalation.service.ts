import type { Kysely } from 'kysely';
import {
  ALARM_LEVELS,
  ALARM_TIERS,
  CITY_CODE,
  DEFAULT_ALARM_LADDER,
  alarmEscalationTier,
  districtName,
  orgIds,
  type AlarmLadderStep,
  type AlarmTier,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { enqueue, type OutgoingNotification } from '../notifications/outbox';

export interface AlarmEscalationResult {
  asOf: string;
  /** Active alarms looked at (those whose recipients were not all told yet). */
  checked: number;
  /** Alarms whose tier rose (or whose first tier was told) in this run. */
  escalated: Array<{ alarmId: string; tier: AlarmTier }>;
  /** Notifications added to the outbox (in-app and SMS); a rerun adds none. */
  notified: number;
}

const SYSTEM: AuditContext = { actorId: null, actorName: '系统(报警升级)', orgId: null, ip: null };

const fmt = (d: Date) =>
  d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    dateStyle: 'short',
    timeStyle: 'short',
  });
const levelName = (l: string) => ALARM_LEVELS.find((x) => x.code === l)?.name ?? l;
const tierName = (t: string) => ALARM_TIERS.find((x) => x.code === t)?.name ?? t;

/**
 * Escalates unacknowledged alarms along the ladder (enterprise → district → city) as of `now`: every
 * active alarm whose reached tier is above the one already told gets `escalation_tier` raised and each
 * newly reached tier notified through the outbox (in-app inbox and SMS):
 *  - enterprise: the enterprise's users, and its principal by SMS;
 *  - district: the district safety committee office and the enterprise's district-level regulating departments;
 *  - city: the city safety committee office and the enterprise's city-level regulating departments.
 * Idempotent: `notified_tier` records how far the alarm was told and every notification has a dedupe key,
 * so a rerun (or a second instance) adds nothing. Acknowledged and closed alarms are not escalated.
 */
export async function escalateAlarms(
  db: Kysely<DB>,
  now: Date,
  opts: { ladder?: readonly AlarmLadderStep<AlarmTier>[]; ctx?: AuditContext; batch?: number } = {},
): Promise<AlarmEscalationResult> {
  const ladder = opts.ladder ?? DEFAULT_ALARM_LADDER;
  const top = ladder[ladder.length - 1]!.tier;
  const index = (t: string | null) => (t === null ? -1 : ladder.findIndex((s) => s.tier === t));
  return db.transaction().execute(async (trx) => {
    const alarms = await trx
      .selectFrom('alarms')
      .select([
        'id',
        'point_id',
        'enterprise_id',
        'district_code',
        'tag',
        'level',
        'value',
        'opened_at',
        'repeat_count',
        'escalation_tier',
        'notified_tier',
      ])
      .where('status', '=', 'active')
      .where('opened_at', '<=', now)
      .where((eb) => eb.or([eb('notified_tier', 'is', null), eb('notified_tier', '!=', top)]))
      .orderBy('opened_at')
      .limit(opts.batch ?? 1000)
      .forUpdate()
      .skipLocked()
      .execute();
    const due = alarms.flatMap((a) => {
      const reached = alarmEscalationTier<AlarmTier>(a.opened_at, null, now, ladder);
      const from = index(a.notified_tier);
      const to = index(reached);
      if (reached === null || to <= from) return [];
      return [{ a, reached, tiers: ladder.slice(from + 1, to + 1).map((s) => s.tier) }];
    });
    if (due.length === 0)
      return { asOf: now.toISOString(), checked: alarms.length, escalated: [], notified: 0 };

    const enterpriseIds = [...new Set(due.map((d) => d.a.enterprise_id))];
    const enterprises = new Map(
      (
        await trx
          .selectFrom('enterprises')
          .select(['id', 'name', 'principal', 'department_ids'])
          .where('id', 'in', enterpriseIds)
          .execute()
      ).map((e) => [e.id, e]),
    );
    const units = new Map(
      (
        await trx
          .selectFrom('monitoring_points')
          .select(['id', 'unit'])
          .where('id', 'in', [...new Set(due.map((d) => d.a.point_id))])
          .execute()
      ).map((p) => [p.id, p.unit]),
    );
    const users = await trx
      .selectFrom('users')
      .select(['id', 'display_name', 'role', 'org_id', 'enterprise_id', 'phone'])
      .where('status', '=', 'active')
      .where((eb) =>
        eb.or([
          eb('enterprise_id', 'in', enterpriseIds),
          eb('role', 'in', ['district_office', 'city_office', 'inspector']),
        ]),
      )
      .execute();

    const items: OutgoingNotification[] = [];
    for (const { a, tiers } of due) {
      const ent = enterprises.get(a.enterprise_id)!;
      const minutes = Math.floor((now.getTime() - a.opened_at.getTime()) / 60_000);
      const value = a.value === null ? '' : `，报警值 ${a.value}${units.get(a.point_id) ?? ''}`;
      const what = `${ent.name}监测点位 ${a.tag} 于 ${fmt(a.opened_at)} 发生${levelName(a.level)}${value}${a.repeat_count ? `（已重复${a.repeat_count}次）` : ''}`;
      for (const tier of tiers) {
        const recipients =
          tier === 'enterprise'
            ? users.filter((u) => u.enterprise_id === a.enterprise_id)
            : users.filter((u) => {
                const region = tier === 'district' ? a.district_code : CITY_CODE;
                if (u.role === (tier === 'district' ? 'district_office' : 'city_office'))
                  return u.org_id === orgIds.office(region);
                return (
                  u.role === 'inspector' &&
                  !!u.org_id &&
                  ent.department_ids.includes(u.org_id) &&
                  u.org_id.startsWith(`dept-${region}-`)
                );
              });
        const title =
          tier === 'enterprise'
            ? `监测报警：${ent.name} ${a.tag} ${levelName(a.level)}`
            : `报警升级至${tierName(tier)}：${ent.name} ${a.tag} ${levelName(a.level)}`;
        const body =
          tier === 'enterprise'
            ? `${what}，请立即核查处置并在平台确认报警。`
            : `${what}，已${minutes}分钟未确认，按报警升级规则推送${tier === 'district' ? `${districtName(a.district_code) ?? a.district_code}` : '市级'}监管部门，请督促企业立即核查处置。`;
        const common = {
          kind: `alarm.escalation.${tier}`,
          title,
          body,
          enterpriseId: a.enterprise_id,
        };
        const key = `alarm-escalation:${a.id}:${tier}`;
        const phones = new Map<string, string>();
        for (const u of recipients) {
          items.push({
            ...common,
            dedupeKey: `${key}:user:${u.id}`,
            channel: 'inapp',
            userId: u.id,
            recipientName: u.display_name,
          });
          if (u.phone) phones.set(u.phone, u.display_name);
        }
        if (tier === 'enterprise' && ent.principal.phone && !phones.has(ent.principal.phone))
          phones.set(ent.principal.phone, ent.principal.name);
        for (const [phone, name] of phones)
          items.push({
            ...common,
            dedupeKey: `${key}:sms:${phone}`,
            channel: 'sms',
            recipientName: name,
            phone,
          });
      }
    }
    const notified = await enqueue(trx, items);
    for (const { a, reached } of due) {
      await trx
        .updateTable('alarms')
        .set({
          notified_tier: reached,
          ...(index(reached) > index(a.escalation_tier) ? { escalation_tier: reached } : {}),
        })
        .where('id', '=', a.id)
        .execute();
    }
    await appendAudit(
      trx,
      opts.ctx ?? SYSTEM,
      due.map(({ a, reached, tiers }) => ({
        action: 'alarm.escalate',
        entityType: 'alarm',
        entityId: a.id,
        before: { escalationTier: a.escalation_tier, notifiedTier: a.notified_tier },
        after: { escalationTier: reached, notifiedTiers: tiers, asOf: now.toISOString() },
      })),
    );
    return {
      asOf: now.toISOString(),
      checked: alarms.length,
      escalated: due.map((d) => ({ alarmId: d.a.id, tier: d.reached })),
      notified,
    };
  });
}
