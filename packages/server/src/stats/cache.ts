/**
 * A short-lived cache for statistics: identical requests (same scope, same query) within the TTL share
 * one computation, and concurrent ones share the same promise. Hazard writes in this process bump the
 * version, so a user sees their own change at once; other instances see it within the TTL.
 */
const TTL_MS = 30_000;
let version = 0;
const entries = new Map<string, { at: number; version: number; value: Promise<unknown> }>();

export function bumpHazardStats() {
  version++;
}

export function cachedStats<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.version === version && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = compute();
  entries.set(key, { at: now, version, value });
  value.catch(() => entries.delete(key));
  if (entries.size > 5000) for (const [k, e] of entries) if (now - e.at >= TTL_MS) entries.delete(k);
  return value;
}
