import { CATEGORIES, type CategoryCode } from '../org/sectors';
import { DISTRICT_CODES } from '../org/regions';

/**
 * Monitoring coverage, one of the seed's "10 × 100%" targets (issue 4 §7): for each required category,
 * the share of required enterprises with live monitoring, by district, with the enterprises missing.
 * Live means a point reported within the last 24 h (inclusive: exactly 24 h ago still counts).
 */

/** Categories whose enterprises must be hooked up: 危化品重大危险源, 煤矿, 钢铁, 铝加工（深井铸造）, 重点粉尘涉爆. */
export const REQUIRED_MONITORING_CATEGORIES = CATEGORIES;
export const LIVE_WINDOW_HOURS = 24;

export interface CoverageRequirement {
  enterpriseId: string;
  districtCode: string;
  category: CategoryCode;
}

export interface CoverageRow {
  category: CategoryCode;
  /** A district code, or null for the city total. */
  districtCode: string | null;
  required: number;
  live: number;
  /** live / required; 1 when nothing is required. */
  share: number;
  /** Required enterprises without live monitoring, sorted. */
  missing: string[];
}

/** Enterprises whose latest reading is within the window before `now`. */
export function liveEnterprises(
  latest: Iterable<{ enterpriseId: string; lastReadingAt: Date | number | null }>,
  now: Date | number,
  windowHours = LIVE_WINDOW_HOURS,
): Set<string> {
  const out = new Set<string>();
  for (const e of latest)
    if (e.lastReadingAt !== null && +now - +e.lastReadingAt <= windowHours * 3_600_000)
      out.add(e.enterpriseId);
  return out;
}

function row(
  category: CategoryCode,
  districtCode: string | null,
  ids: Set<string>,
  live: ReadonlySet<string>,
): CoverageRow {
  const missing = [...ids].filter((id) => !live.has(id)).sort();
  const required = ids.size;
  return {
    category,
    districtCode,
    required,
    live: required - missing.length,
    share: required === 0 ? 1 : (required - missing.length) / required,
    missing,
  };
}

/** A row per required category and district (every listed district, plus any other in the input), in category then district order. */
export function coverageByDistrict(
  required: readonly CoverageRequirement[],
  live: ReadonlySet<string>,
  districts: readonly string[] = DISTRICT_CODES,
): CoverageRow[] {
  const extra = [...new Set(required.map((r) => r.districtCode))]
    .filter((d) => !districts.includes(d))
    .sort();
  const rows: CoverageRow[] = [];
  for (const { code: category } of REQUIRED_MONITORING_CATEGORIES)
    for (const district of [...districts, ...extra]) {
      const ids = new Set(
        required
          .filter((r) => r.category === category && r.districtCode === district)
          .map((r) => r.enterpriseId),
      );
      rows.push(row(category, district, ids, live));
    }
  return rows;
}

/** City totals per required category (districtCode null); an enterprise listed under two districts counts once. */
export function coverageByCategory(
  required: readonly CoverageRequirement[],
  live: ReadonlySet<string>,
): CoverageRow[] {
  return REQUIRED_MONITORING_CATEGORIES.map(({ code }) =>
    row(code, null, new Set(required.filter((r) => r.category === code).map((r) => r.enterpriseId)), live),
  );
}

export interface CoverageOverall {
  /** Distinct required enterprises across the categories (one in two categories counts once). */
  required: number;
  live: number;
  /** live / required; 1 when nothing is required. */
  share: number;
  /** Categories whose city total is at 100 %, out of `categories`. */
  categoriesMet: number;
  categories: number;
  /** Every category at 100 %: the target is met. */
  met: boolean;
}

/** The headline figure against the "monitoring coverage 100 %" target (one of the seed's 10 × 100 %), over the given categories (default all). */
export function coverageOverall(
  required: readonly CoverageRequirement[],
  live: ReadonlySet<string>,
  categories: readonly CategoryCode[] = REQUIRED_MONITORING_CATEGORIES.map((c) => c.code),
): CoverageOverall {
  const wanted = required.filter((r) => categories.includes(r.category));
  const ids = new Set(wanted.map((r) => r.enterpriseId));
  const liveCount = [...ids].filter((id) => live.has(id)).length;
  const totals = coverageByCategory(wanted, live).filter((r) => categories.includes(r.category));
  const categoriesMet = totals.filter((r) => r.share === 1).length;
  return {
    required: ids.size,
    live: liveCount,
    share: ids.size === 0 ? 1 : liveCount / ids.size,
    categoriesMet,
    categories: totals.length,
    met: categoriesMet === totals.length,
  };
}
