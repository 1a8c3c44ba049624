import { MS_PER_DAY, shanghaiDay } from './calendar';
import { rectificationRate } from './escalation';
import { isOverdue } from './lifecycle';
import type { HazardGrade, HazardState } from './lifecycle-schemas';

/**
 * The seed's "dynamic zero" milestones (mission module 5; seed 二):
 * 2024年6月底前基本消除2023年及以前排查发现的重大事故隐患存量，2025年6月底前有效遏制重大事故隐患增量，
 * 2026年6月底前形成重大事故隐患动态清零的常态化机制。
 * A milestone date means the end of that Asia/Shanghai day.
 */
export const ZERO_CLEARING_MILESTONES = [
  { key: 'stock_cleared', date: '2024-06-30', name: '基本消除2023年及以前排查发现的重大事故隐患存量' },
  { key: 'increment_contained', date: '2025-06-30', name: '有效遏制重大事故隐患增量' },
  { key: 'dynamic_zero', date: '2026-06-30', name: '形成重大事故隐患动态清零的常态化机制' },
] as const;
export type MilestoneKey = (typeof ZERO_CLEARING_MILESTONES)[number]['key'];

/**
 * [M] Convention: the seed gives no numbers for "basically cleared" or "contained"; these are our rules,
 * exported so the product owner can change them.
 * - stock_cleared: at least `stockClosedShare` of the major hazards found up to 2023-12-31 (dismissed
 *   ones excluded) are closed at the end of 2024-06-30.
 * - increment_contained: at most `incrementMaxOverdue` major hazards are overdue at the end of
 *   2025-06-30, and over the `incrementWindowMonths` months ending with June 2025 major hazards closed
 *   ≥ major hazards found (the open count did not grow).
 * - dynamic_zero: at most `dynamicZeroMaxOverdue` open major hazards are past their deadline at the
 *   end of 2026-06-30.
 */
export interface ZeroClearingRules {
  stockClosedShare: number;
  incrementWindowMonths: number;
  incrementMaxOverdue: number;
  dynamicZeroMaxOverdue: number;
}
export const DEFAULT_ZERO_CLEARING_RULES: ZeroClearingRules = {
  stockClosedShare: 0.95,
  incrementWindowMonths: 12,
  incrementMaxOverdue: 0,
  dynamicZeroMaxOverdue: 0,
};

/**
 * Aggregates behind the milestones, computed by the server. Keys of `stockOpenAt` and `majorsAt` are
 * milestone dates; for a milestone still in the future pass the numbers as of asOf (shown as progress).
 */
export interface ZeroClearingInput {
  /** Major hazards discovered up to 2023-12-31 (Asia/Shanghai), not dismissed. */
  stockTotal: number;
  /** How many of that stock were still open at the end of each date. */
  stockOpenAt: Record<string, number>;
  /** Major hazards found (by discovery day) and closed (by closing day) per month 'YYYY-MM', Asia/Shanghai. */
  monthly: Array<{ month: string; found: number; closed: number }>;
  /** Open and overdue major hazards at the end of each date. */
  majorsAt: Record<string, { open: number; overdue: number }>;
}

export interface MilestoneResult {
  key: MilestoneKey;
  date: string;
  name: string;
  /** null while the date is in the future or its numbers are missing. */
  met: boolean | null;
  numbers: Record<string, number>;
  /** The rule applied, in Chinese. */
  rule: string;
  window?: { from: string; to: string };
}

/** The month 'YYYY-MM' n months before a month (n = 0 is the month itself). */
export function monthMinus(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const idx = y! * 12 + (m! - 1) - n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Evaluates each milestone as of an instant: met, not met, or null before its date (Asia/Shanghai day). */
export function evaluateMilestones(
  input: ZeroClearingInput,
  asOf: Date | string,
  rules: ZeroClearingRules = DEFAULT_ZERO_CLEARING_RULES,
): MilestoneResult[] {
  const today = shanghaiDay(asOf);
  return ZERO_CLEARING_MILESTONES.map((m): MilestoneResult => {
    const future = today < m.date;
    const base = { key: m.key, date: m.date, name: m.name };
    switch (m.key) {
      case 'stock_cleared': {
        const open = input.stockOpenAt[m.date];
        const rule = `2023年底前排查发现的重大事故隐患在${m.date}日终销号比例不低于${pct(rules.stockClosedShare)}`;
        if (open === undefined)
          return { ...base, met: null, numbers: { stockTotal: input.stockTotal }, rule };
        const closed = input.stockTotal - open;
        const share = rectificationRate(closed, input.stockTotal);
        const met = future ? null : share >= rules.stockClosedShare - 1e-9;
        return {
          ...base,
          met,
          numbers: { stockTotal: input.stockTotal, stockOpen: open, stockClosed: closed, closedShare: share },
          rule,
        };
      }
      case 'increment_contained': {
        const to = m.date.slice(0, 7);
        const from = monthMinus(to, rules.incrementWindowMonths - 1);
        const inWindow = input.monthly.filter((r) => r.month >= from && r.month <= to);
        const found = inWindow.reduce((s, r) => s + r.found, 0);
        const closed = inWindow.reduce((s, r) => s + r.closed, 0);
        const at = input.majorsAt[m.date];
        const rule = `${m.date}日终逾期未整改的重大事故隐患不超过${rules.incrementMaxOverdue}项，且${from}至${to}重大事故隐患销号数不少于新发现数`;
        const numbers: Record<string, number> = { found, closed };
        if (!at) return { ...base, met: null, numbers, rule, window: { from, to } };
        Object.assign(numbers, { open: at.open, overdue: at.overdue });
        const met = future ? null : at.overdue <= rules.incrementMaxOverdue && closed >= found;
        return { ...base, met, numbers, rule, window: { from, to } };
      }
      case 'dynamic_zero': {
        const at = input.majorsAt[m.date];
        const rule = `${m.date}日终逾期未整改的重大事故隐患不超过${rules.dynamicZeroMaxOverdue}项（动态清零）`;
        if (!at) return { ...base, met: null, numbers: {}, rule };
        const met = future ? null : at.overdue <= rules.dynamicZeroMaxOverdue;
        return { ...base, met, numbers: { open: at.open, overdue: at.overdue }, rule };
      }
    }
  });
}

/** One hazard as the reference aggregator needs it. */
export interface HazardFact {
  key: string;
  label: string;
  status: HazardState;
  grade: HazardGrade;
  deadline: string | null;
  discoveredAt: string;
  closedAt: string | null;
}

export interface HazardStatsRow {
  key: string;
  label: string;
  total: number;
  open: number;
  closed: number;
  overdue: number;
  major: number;
  general: number;
  dismissed: number;
  rectificationRate: number;
  /** Mean of (closedAt − discoveredAt) in days over closed hazards, to 0.1 day; null when none closed. */
  avgDaysToClose: number | null;
}

/**
 * Reference aggregation for `GET /api/stats/hazards` (the server does it in SQL; tests compare). Dismissed
 * hazards are not hazards: they count only in `dismissed`. Rows are sorted by key.
 */
export function aggregateHazards(facts: readonly HazardFact[], now: Date): HazardStatsRow[] {
  const rows = new Map<string, HazardStatsRow & { closeDays: number; timed: number }>();
  for (const f of facts) {
    let r = rows.get(f.key);
    if (!r) {
      r = {
        key: f.key,
        label: f.label,
        total: 0,
        open: 0,
        closed: 0,
        overdue: 0,
        major: 0,
        general: 0,
        dismissed: 0,
        rectificationRate: 1,
        avgDaysToClose: null,
        closeDays: 0,
        timed: 0,
      };
      rows.set(f.key, r);
    }
    if (f.status === 'dismissed') {
      r.dismissed++;
      continue;
    }
    r.total++;
    r[f.grade]++;
    if (f.status === 'closed') {
      r.closed++;
      if (f.closedAt) {
        r.closeDays += (Date.parse(f.closedAt) - Date.parse(f.discoveredAt)) / MS_PER_DAY;
        r.timed++;
      }
    } else r.open++;
    if (isOverdue(f, now)) r.overdue++;
  }
  return [...rows.values()]
    .map(({ closeDays, timed, ...r }) => ({
      ...r,
      rectificationRate: rectificationRate(r.closed, r.total),
      avgDaysToClose: timed ? Math.round((closeDays / timed) * 10) / 10 : null,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
