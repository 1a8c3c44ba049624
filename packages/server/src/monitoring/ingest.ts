import { EventEmitter } from 'node:events';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import {
  initialPointState,
  normalizeTelemetry,
  isGasPointKind,
  repeatSuppressed,
  step,
  stepLate,
  type AlarmEffect,
  type PointConfig,
  type PointState,
} from '@zhiben/domain';
import type { DB } from '../db/types';

export interface GatewayRef {
  id: string;
  enterpriseId: string;
}

export interface IngestRejection {
  index: number | null;
  tag?: string;
  code: string;
  reason: string;
}

/** What alarm records and hooks need to know about a point. */
interface PointRef {
  id: string;
  enterpriseId: string;
  districtCode: string;
  tag: string;
  kind: string;
  zone: string | null;
  /** A new alarm of the same level within this many seconds of the last one closing reopens it (0: off). */
  repeatSuppressSec: number;
}

interface LivePoint extends PointRef {
  config: PointConfig;
  state: PointState;
  dirty: boolean;
}

/** A point row as the shared commit reads it, locked. */
interface LockedPoint {
  id: string;
  enterprise_id: string;
  district_code: string;
  tag: string;
  kind: string;
  zone: string | null;
  thresholds: PointConfig['thresholds'];
  deadband: number;
  delay_on_sec: number;
  stale_timeout_sec: number;
  repeat_suppress_sec: number;
  state: PointState | null;
  created_at: Date;
}

interface PendingReading {
  pointId: string;
  ts: Date;
  value: number;
}

interface PendingEffect {
  point: PointRef;
  effect: AlarmEffect;
}

export interface AlarmChange {
  alarmId: string;
  pointId: string;
  enterpriseId: string;
  districtCode: string;
  tag: string;
  level: string;
  status: string;
  value: number | null;
  at: string;
  kind: AlarmEffect['type'];
  /** Set when a recently closed alarm was reopened instead of a new one opened (repeat suppression). */
  repeatCount?: number;
}

/**
 * The ingest pipeline: telemetry → per-point alarm state machine (in memory, persisted) → one
 * group-committed transaction for readings, 1-minute aggregates, last values, point states, alarm
 * records and gateway counters. `ingest` resolves only after that commit, so a caller that
 * acknowledges afterwards (PUBACK, HTTP 200) never acknowledges a reading that is not on disk.
 *
 * `shared: true` (an external broker, several instances splitting one stream): no instance sees all
 * readings of a point, so memory is not trusted. Each commit locks its points' rows (FOR UPDATE, in id
 * order, so two instances never deadlock), reads their persisted state and configuration, runs this
 * batch's readings through `step` in timestamp order and writes the result in the same transaction.
 * A reading older than the point's last evaluated one (another instance committed a later one first)
 * is stored but goes through `stepLate`: it moves no state, only an open alarm's peak.
 */

export type GasAlarmHook = (
  enterpriseId: string,
  /** The point's zone; null for a point registered only under an installation (the hook finds it by tag). */
  zone: string | null,
  alarm: { tag: string; value: number; level: string; at: Date },
) => Promise<unknown>;

export class Ingest extends EventEmitter {
  /** Set by the permits module: called after commit when a gas point in a zone opens or raises an alarm. */
  gasAlarm?: GasAlarmHook;
  /** Called inside the commit with its alarm changes (the AlarmFeed tells the other instances on commit). */
  announce?: (trx: Transaction<DB>, changes: AlarmChange[]) => Promise<void>;
  private points = new Map<string, LivePoint>();
  private loaded = new Set<string>();
  private readings: PendingReading[] = [];
  private effects: PendingEffect[] = [];
  private counters = new Map<string, { accepted: number; rejected: number; error: string | null }>();
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Shared mode: points found stale by `tick`, advanced under their row lock in the next commit. */
  private ticks = new Map<string, Date>();
  /** When each enterprise's points were last read (shared mode re-reads them for an unknown tag). */
  private loadedAt = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly logger?: Logger,
    private readonly opts: { flushMs?: number; maxBatch?: number; shared?: boolean } = {},
  ) {
    super();
    this.setMaxListeners(1000);
  }

  /** Forget cached points of an enterprise (after its points were created or changed). */
  invalidate(enterpriseId: string) {
    this.loaded.delete(enterpriseId);
    for (const [k, p] of this.points) if (p.enterpriseId === enterpriseId && !p.dirty) this.points.delete(k);
  }

  private loading = new Map<string, Promise<void>>();

  /** One load per enterprise at a time: concurrent messages wait for the same load and keep their order. */
  private loadEnterprise(enterpriseId: string): Promise<void> {
    if (this.loaded.has(enterpriseId)) return Promise.resolve();
    let p = this.loading.get(enterpriseId);
    if (!p) {
      p = this.loadEnterpriseNow(enterpriseId).finally(() => this.loading.delete(enterpriseId));
      this.loading.set(enterpriseId, p);
    }
    return p;
  }

  private async loadEnterpriseNow(enterpriseId: string) {
    const rows = await this.db
      .selectFrom('monitoring_points')
      .innerJoin('enterprises', 'enterprises.id', 'monitoring_points.enterprise_id')
      .select([
        'monitoring_points.id',
        'monitoring_points.tag',
        'monitoring_points.thresholds',
        'monitoring_points.deadband',
        'monitoring_points.delay_on_sec',
        'monitoring_points.stale_timeout_sec',
        'monitoring_points.state',
        'monitoring_points.created_at',
        'monitoring_points.kind',
        'monitoring_points.zone',
        'monitoring_points.repeat_suppress_sec',
        'enterprises.district_code',
      ])
      .where('monitoring_points.enterprise_id', '=', enterpriseId)
      .execute();
    for (const r of rows) {
      const key = `${enterpriseId}:${r.tag}`;
      const existing = this.points.get(key);
      const config: PointConfig = {
        thresholds: r.thresholds,
        deadband: r.deadband,
        delayOnSec: r.delay_on_sec,
        staleTimeoutSec: r.stale_timeout_sec,
      };
      if (existing) {
        existing.config = config;
        existing.repeatSuppressSec = r.repeat_suppress_sec;
        continue;
      }
      this.points.set(key, {
        id: r.id,
        enterpriseId,
        districtCode: r.district_code,
        tag: r.tag,
        kind: r.kind,
        zone: r.zone,
        config,
        repeatSuppressSec: r.repeat_suppress_sec,
        state: (r.state as PointState | null) ?? initialPointState(r.created_at),
        dirty: false,
      });
    }
    this.loaded.add(enterpriseId);
    this.loadedAt.set(enterpriseId, Date.now());
  }

  /** Shared mode: another instance may have registered the point; re-read at most every 5 s. */
  private async refreshEnterprise(enterpriseId: string) {
    if (Date.now() - (this.loadedAt.get(enterpriseId) ?? 0) < 5000) return;
    this.loaded.delete(enterpriseId);
    await this.loadEnterprise(enterpriseId);
  }

  /** Validates, evaluates and persists one message; resolves after the commit. */
  async ingest(
    gateway: GatewayRef,
    payload: unknown,
    now = new Date(),
  ): Promise<{ accepted: number; rejected: IngestRejection[] }> {
    const { readings, rejected } = normalizeTelemetry(payload, now);
    const out: IngestRejection[] = rejected.map((r) => ({ ...r }));
    await this.loadEnterprise(gateway.enterpriseId);
    const shared = this.opts.shared === true;
    if (shared && readings.some((r) => !this.points.has(`${gateway.enterpriseId}:${r.tag}`)))
      await this.refreshEnterprise(gateway.enterpriseId);
    let accepted = 0;
    readings.forEach((r, i) => {
      const p = this.points.get(`${gateway.enterpriseId}:${r.tag}`);
      if (!p) {
        out.push({ index: i, tag: r.tag, code: 'unknown_tag', reason: `未登记的监测点位“${r.tag}”` });
        return;
      }
      if (shared) {
        // Evaluated in the commit, against the persisted state under the point's row lock.
        this.readings.push({ pointId: p.id, ts: r.ts, value: r.value });
        accepted++;
        return;
      }
      const res = step(p.state, p.config, { value: r.value, ts: r.ts }, now);
      if (res.ignored) {
        out.push({ index: i, tag: r.tag, code: res.ignored.code, reason: res.ignored.reason });
        return;
      }
      p.state = res.state;
      p.dirty = true;
      for (const e of res.effects) this.effects.push({ point: p, effect: e });
      this.readings.push({ pointId: p.id, ts: r.ts, value: r.value });
      accepted++;
    });
    const c = this.counters.get(gateway.id) ?? { accepted: 0, rejected: 0, error: null };
    c.accepted += accepted;
    c.rejected += out.length;
    if (out.length)
      c.error = out
        .map((x) => x.reason)
        .join('；')
        .slice(0, 500);
    this.counters.set(gateway.id, c);
    await this.commit();
    return { accepted, rejected: out };
  }

  /** Counts a message refused before parsing (bad topic, bad JSON) against its gateway. */
  async countRejected(gatewayId: string, reason: string) {
    const c = this.counters.get(gatewayId) ?? { accepted: 0, rejected: 0, error: null };
    c.rejected += 1;
    c.error = reason.slice(0, 500);
    this.counters.set(gatewayId, c);
    await this.commit();
  }

  /** Stale detection: advances points that stopped reporting (offline alarms). */
  async tick(now = new Date()) {
    const stale = await this.db
      .selectFrom('monitoring_points')
      .select(['id', 'enterprise_id'])
      .where(sql<boolean>`coalesce(state->>'level', 'normal') <> 'offline'`)
      .where(
        sql<boolean>`coalesce(last_ts, created_at) < ${now}::timestamptz - make_interval(secs => stale_timeout_sec)`,
      )
      .limit(10_000)
      .execute();
    if (this.opts.shared) {
      // Re-checked under the row lock at commit: another instance may have had a reading meanwhile.
      for (const s of stale) this.ticks.set(s.id, now);
      if (stale.length) await this.commit();
      return;
    }
    for (const e of new Set(stale.map((s) => s.enterprise_id))) await this.loadEnterprise(e);
    const ids = new Set(stale.map((s) => s.id));
    for (const p of this.points.values()) {
      if (!ids.has(p.id)) continue;
      const res = step(p.state, p.config, { type: 'tick' }, now);
      if (res.effects.length || res.state !== p.state) {
        p.state = res.state;
        p.dirty = true;
        for (const e of res.effects) this.effects.push({ point: p, effect: e });
      }
    }
    await this.commit();
  }

  private commit(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      const max = this.opts.maxBatch ?? 5000;
      if (this.readings.length >= max) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs ?? 5);
    });
  }

  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing) {
      await this.flushing;
      if (this.waiters.length) return this.flush();
      return;
    }
    const waiters = this.waiters;
    const readings = this.readings;
    const pendingEffects = this.effects;
    const counters = this.counters;
    const ticks = this.ticks;
    const points = this.opts.shared ? [] : [...this.points.values()].filter((p) => p.dirty);
    this.waiters = [];
    this.readings = [];
    this.effects = [];
    this.counters = new Map();
    this.ticks = new Map();
    for (const p of points) p.dirty = false;
    let changes: AlarmChange[] = [];
    let effects = pendingEffects;
    this.flushing = this.db
      .transaction()
      .execute(async (trx) => {
        if (this.opts.shared) {
          const r = await this.evaluateLocked(trx, readings, ticks);
          await this.writeReadings(trx, r.readings);
          await this.writePoints(trx, r.points);
          effects = r.effects;
        } else {
          await this.writeReadings(trx, readings);
          await this.writePoints(trx, points);
        }
        changes = await this.applyEffects(trx, effects);
        if (changes.length && this.announce) await this.announce(trx, changes);
        for (const [id, c] of counters) {
          await trx
            .updateTable('gateways')
            .set({
              accepted: sql`accepted + ${c.accepted}`,
              rejected: sql`rejected + ${c.rejected}`,
              last_seen_at: new Date(),
              ...(c.error ? { last_error: c.error } : {}),
            })
            .where('id', '=', id)
            .execute();
        }
      })
      .then(
        () => {
          for (const w of waiters) w.resolve();
          for (const ch of changes) this.emit('alarm', ch);
          // A gas alarm suspends hot-work and confined-space permits in its zone or installation at once.
          for (const { point: p, effect: e } of effects) {
            if ((e.type === 'open' || e.type === 'escalate_level') && isGasPointKind(p.kind)) {
              const level = e.type === 'open' ? e.level : e.to;
              this.gasAlarm?.(p.enterpriseId, p.zone, {
                tag: p.tag,
                value: e.value,
                level,
                at: new Date(e.at),
              }).catch((err) => this.logger?.error({ err }, 'suspending permits for a gas alarm failed'));
            }
          }
        },
        (e) => {
          this.logger?.error({ err: e }, 'ingest flush failed');
          // Not persisted: mark the points dirty again so their state is retried, and fail the callers (no ack).
          for (const p of points) p.dirty = true;
          for (const w of waiters) w.reject(e);
        },
      )
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
    if (this.waiters.length && !this.timer) await this.flush();
  }

  private async writeReadings(trx: Transaction<DB>, rs: PendingReading[]) {
    for (let i = 0; i < rs.length; i += 10_000) {
      const b = rs.slice(i, i + 10_000);
      await sql`INSERT INTO readings (point_id, ts, value)
        SELECT * FROM unnest(${b.map((r) => r.pointId)}::uuid[], ${b.map((r) => r.ts)}::timestamptz[], ${b.map((r) => r.value)}::float8[])`.execute(
        trx,
      );
    }
    // 1-minute aggregates, merged in memory first so each (point, minute) is one upsert row.
    const agg = new Map<
      string,
      { p: string; b: Date; min: number; max: number; sum: number; n: number; last: number; lastTs: Date }
    >();
    for (const r of rs) {
      const b = new Date(Math.floor(r.ts.getTime() / 60_000) * 60_000);
      const k = `${r.pointId}|${b.getTime()}`;
      const a = agg.get(k);
      if (!a)
        agg.set(k, {
          p: r.pointId,
          b,
          min: r.value,
          max: r.value,
          sum: r.value,
          n: 1,
          last: r.value,
          lastTs: r.ts,
        });
      else {
        a.min = Math.min(a.min, r.value);
        a.max = Math.max(a.max, r.value);
        a.sum += r.value;
        a.n += 1;
        if (r.ts >= a.lastTs) {
          a.last = r.value;
          a.lastTs = r.ts;
        }
      }
    }
    const rows = [...agg.values()];
    for (let i = 0; i < rows.length; i += 10_000) {
      const b = rows.slice(i, i + 10_000);
      await sql`INSERT INTO readings_1m (point_id, bucket, min, max, sum, count, last, last_ts)
        SELECT * FROM unnest(${b.map((r) => r.p)}::uuid[], ${b.map((r) => r.b)}::timestamptz[], ${b.map((r) => r.min)}::float8[],
          ${b.map((r) => r.max)}::float8[], ${b.map((r) => r.sum)}::float8[], ${b.map((r) => r.n)}::int[], ${b.map((r) => r.last)}::float8[],
          ${b.map((r) => r.lastTs)}::timestamptz[])
        ON CONFLICT (point_id, bucket) DO UPDATE SET
          min = least(readings_1m.min, excluded.min), max = greatest(readings_1m.max, excluded.max),
          sum = readings_1m.sum + excluded.sum, count = readings_1m.count + excluded.count,
          last = CASE WHEN excluded.last_ts >= readings_1m.last_ts THEN excluded.last ELSE readings_1m.last END,
          last_ts = greatest(readings_1m.last_ts, excluded.last_ts)`.execute(trx);
    }
  }

  /**
   * Shared mode: locks the batch's points (id order), reads their persisted state and configuration,
   * and applies this batch's readings in timestamp order, then any ticks. Returns the readings to store,
   * the points whose state changed and the alarm effects, all for this transaction to write.
   */
  private async evaluateLocked(
    trx: Transaction<DB>,
    readings: PendingReading[],
    ticks: Map<string, Date>,
  ): Promise<{
    readings: PendingReading[];
    points: Array<{ id: string; state: PointState }>;
    effects: PendingEffect[];
  }> {
    const byPoint = new Map<string, PendingReading[]>();
    for (const r of readings) {
      const l = byPoint.get(r.pointId);
      if (l) l.push(r);
      else byPoint.set(r.pointId, [r]);
    }
    const ids = [...new Set([...byPoint.keys(), ...ticks.keys()])];
    const out = {
      readings: [] as PendingReading[],
      points: [] as Array<{ id: string; state: PointState }>,
      effects: [] as PendingEffect[],
    };
    if (!ids.length) return out;
    const { rows } = await sql<LockedPoint>`
      SELECT m.id, m.enterprise_id, e.district_code, m.tag, m.kind, m.zone, m.thresholds, m.deadband,
        m.delay_on_sec, m.stale_timeout_sec, m.repeat_suppress_sec, m.state, m.created_at
      FROM monitoring_points m JOIN enterprises e ON e.id = m.enterprise_id
      WHERE m.id = ANY(${ids}::uuid[])
      ORDER BY m.id
      FOR UPDATE OF m`.execute(trx);
    for (const row of rows) {
      const ref: PointRef = {
        id: row.id,
        enterpriseId: row.enterprise_id,
        districtCode: row.district_code,
        tag: row.tag,
        kind: row.kind,
        zone: row.zone,
        repeatSuppressSec: row.repeat_suppress_sec,
      };
      const config: PointConfig = {
        thresholds: row.thresholds,
        deadband: row.deadband,
        delayOnSec: row.delay_on_sec,
        staleTimeoutSec: row.stale_timeout_sec,
      };
      const initial = row.state ?? initialPointState(row.created_at);
      let state = initial;
      // Array.prototype.sort is stable: equal timestamps keep their arrival order.
      const rs = (byPoint.get(row.id) ?? []).sort((a, b) => a.ts.getTime() - b.ts.getTime());
      for (const r of rs) {
        const res =
          state.last && r.ts.getTime() < state.last.ts
            ? stepLate(state, r)
            : step(state, config, { value: r.value, ts: r.ts }, r.ts);
        if (res.ignored) continue;
        state = res.state;
        out.readings.push(r);
        for (const e of res.effects) out.effects.push({ point: ref, effect: e });
      }
      const tickAt = ticks.get(row.id);
      if (tickAt) {
        const res = step(state, config, { type: 'tick' }, tickAt);
        state = res.state;
        for (const e of res.effects) out.effects.push({ point: ref, effect: e });
      }
      if (state !== initial) out.points.push({ id: row.id, state });
    }
    return out;
  }

  private async writePoints(trx: Transaction<DB>, points: Array<{ id: string; state: PointState }>) {
    if (!points.length) return;
    await sql`UPDATE monitoring_points m SET state = u.state, last_value = u.v, last_ts = u.ts
      FROM unnest(${points.map((p) => p.id)}::uuid[], ${points.map((p) => JSON.stringify(p.state))}::jsonb[],
        ${points.map((p) => p.state.last?.value ?? null)}::float8[], ${points.map((p) => (p.state.last ? new Date(p.state.last.ts) : null))}::timestamptz[])
        AS u(id, state, v, ts)
      WHERE m.id = u.id`.execute(trx);
  }

  private async applyEffects(trx: Transaction<DB>, effects: PendingEffect[]): Promise<AlarmChange[]> {
    const changes: AlarmChange[] = [];
    for (const { point: p, effect: e } of effects) {
      const base = {
        pointId: p.id,
        enterpriseId: p.enterpriseId,
        districtCode: p.districtCode,
        tag: p.tag,
        kind: e.type,
      };
      const openOf = (offline: boolean) =>
        trx
          .selectFrom('alarms')
          .select(['id', 'status', 'level', 'peak'])
          .where('point_id', '=', p.id)
          .where('closed_at', 'is', null)
          .where('level', offline ? '=' : '!=', 'offline')
          .orderBy('opened_at', 'desc')
          .executeTakeFirst();
      switch (e.type) {
        case 'open':
        case 'offline': {
          const level = e.type === 'open' ? e.level : 'offline';
          const value = e.type === 'open' ? e.value : null;
          const reopened = await this.reopenRepeat(trx, p, level, value, new Date(e.at));
          if (reopened) {
            changes.push({
              ...base,
              alarmId: reopened.id,
              level,
              status: reopened.status,
              value,
              at: new Date(e.at).toISOString(),
              repeatCount: reopened.repeatCount,
            });
            break;
          }
          // At most one open alarm per point and kind (alarms_open_point_idx): should a stale open record
          // exist, the new episode continues it rather than failing the whole commit.
          const {
            rows: [r],
          } = await sql<{ id: string; status: string }>`
            INSERT INTO alarms (point_id, enterprise_id, district_code, tag, level, status, value, peak, opened_at)
            VALUES (${p.id}, ${p.enterpriseId}, ${p.districtCode}, ${p.tag}, ${level}, 'active', ${value}, ${value}, ${new Date(e.at)})
            ON CONFLICT (point_id, (level = 'offline')) WHERE closed_at IS NULL
            DO UPDATE SET level = excluded.level, value = excluded.value, peak = excluded.peak
            RETURNING id, status`.execute(trx);
          changes.push({
            ...base,
            alarmId: r!.id,
            level,
            status: r!.status,
            value,
            at: new Date(e.at).toISOString(),
          });
          break;
        }
        case 'escalate_level': {
          const a = await openOf(false);
          if (!a) break;
          await trx
            .updateTable('alarms')
            .set({ level: e.to, value: e.value, peak: e.value })
            .where('id', '=', a.id)
            .execute();
          changes.push({
            ...base,
            alarmId: a.id,
            level: e.to,
            status: a.status,
            value: e.value,
            at: new Date(e.at).toISOString(),
          });
          break;
        }
        case 'peak': {
          const a = await openOf(false);
          if (a) await trx.updateTable('alarms').set({ peak: e.value }).where('id', '=', a.id).execute();
          break;
        }
        case 'recover':
        case 'online': {
          const a = await openOf(e.type === 'online');
          if (!a) break;
          await trx
            .updateTable('alarms')
            .set({ status: 'closed', closed_at: new Date(e.at) })
            .where('id', '=', a.id)
            .execute();
          changes.push({
            ...base,
            alarmId: a.id,
            level: a.level,
            status: 'closed',
            value: e.type === 'recover' ? e.value : null,
            at: new Date(e.at).toISOString(),
          });
          break;
        }
      }
    }
    return changes;
  }

  /**
   * Repeat suppression: when the point's previous alarm of the same kind has the same level and closed at
   * most repeatSuppressSec before `at`, that alarm is reopened (its openedAt kept, repeat_count + 1, its
   * acknowledgement kept) instead of a new record being opened, so a chattering signal is one alarm.
   */
  private async reopenRepeat(
    trx: Transaction<DB>,
    p: PointRef,
    level: string,
    value: number | null,
    at: Date,
  ): Promise<{ id: string; status: string; repeatCount: number } | null> {
    if (p.repeatSuppressSec <= 0) return null;
    const prev = await trx
      .selectFrom('alarms')
      .select(['id', 'level', 'peak', 'closed_at', 'acknowledged_at', 'repeat_count'])
      .where('point_id', '=', p.id)
      .where('level', level === 'offline' ? '=' : '!=', 'offline')
      .orderBy('opened_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!prev || prev.level !== level || !repeatSuppressed(prev.closed_at, at, p.repeatSuppressSec))
      return null;
    const low = level === 'low' || level === 'low_low';
    const peak =
      value === null || prev.peak === null
        ? (prev.peak ?? value)
        : low
          ? Math.min(prev.peak, value)
          : Math.max(prev.peak, value);
    const status = prev.acknowledged_at ? 'acknowledged' : 'active';
    const u = await trx
      .updateTable('alarms')
      .set({ status, closed_at: null, value, peak, repeat_count: sql`repeat_count + 1` })
      .where('id', '=', prev.id)
      // Never a second open alarm of the kind on the point (alarms_open_point_idx).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('alarms as o')
              .select('o.id')
              .where('o.point_id', '=', p.id)
              .where('o.closed_at', 'is', null)
              .where('o.level', level === 'offline' ? '=' : '!=', 'offline'),
          ),
        ),
      )
      .executeTakeFirst();
    if (!u.numUpdatedRows) return null;
    return { id: prev.id, status, repeatCount: prev.repeat_count + 1 };
  }

  async close() {
    await this.flush();
  }
}
