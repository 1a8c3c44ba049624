/**
 * The live gas readings of a permit's workplace (GET /api/permits/:id/gas-readings): one shape for the
 * server that answers it and the web that shows it.
 */
import type { PointLevel } from '../monitoring/alarm';

/** Point kinds treated as gas: their alarms suspend hot work and confined-space entry (GB 30871 §4.8). */
export const GAS_POINT_KINDS = [
  'combustible_gas',
  'toxic_gas',
  'oxygen',
  'methane',
  'carbon_monoxide',
] as const;

export function isGasPointKind(kind: string): boolean {
  return (GAS_POINT_KINDS as readonly string[]).includes(kind);
}

/** One gas point of the permit's zone or installation. */
export interface PermitGasPoint {
  id: string;
  tag: string;
  kind: string;
  unit: string;
  zone: string | null;
  installationId: string | null;
  /** Why the point belongs to the permit: it is in the permit's zone, its installation, or both. */
  matchedBy: Array<'zone' | 'installation'>;
  thresholds: { lowLow?: number; low?: number; high?: number; highHigh?: number };
  lastValue: number | null;
  lastTs: string | null;
  /** The alarm engine's level for the point ('offline' once the stale timer ran out). */
  level: PointLevel;
  staleTimeoutSec: number;
  /** No reading yet, or none for longer than the stale timeout (as of `asOf`). */
  stale: boolean;
  /** The point's open alarm (active or acknowledged), if any. */
  alarm: {
    id: string;
    level: string;
    status: string;
    value: number | null;
    peak: number | null;
    openedAt: string;
  } | null;
  /** 1-minute aggregates of the last `windowMinutes`, oldest first. */
  series: Array<{ ts: string; min: number; max: number; last: number }>;
}

export interface PermitGasReadings {
  permitId: string;
  zone: string | null;
  installationId: string | null;
  installationName: string | null;
  /** Server time of the answer: clients measure "x seconds ago" and staleness against it. */
  asOf: string;
  windowMinutes: number;
  items: PermitGasPoint[];
}
