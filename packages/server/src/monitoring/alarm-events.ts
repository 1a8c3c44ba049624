import type { AlarmChange } from './ingest';

/** People's actions on an alarm, pushed on the alarm stream beside the engine's own changes. */
export const ALARM_ACTION_KINDS = ['acknowledge', 'dispose', 'to_hazard'] as const;
export type AlarmActionKind = (typeof ALARM_ACTION_KINDS)[number];

/**
 * What `GET /api/alarms/stream` sends as `event: alarm` (with the enterprise's name and the point's unit
 * added): an engine change from the ingest pipeline (open, escalate_level, recover, offline, online …) or
 * an action someone took (acknowledge, dispose, to_hazard), so a client can tell a new alarm from one
 * being handled.
 */
export type AlarmStreamEvent = Omit<AlarmChange, 'kind'> & { kind: AlarmChange['kind'] | AlarmActionKind };

/** The stream event for an action on an alarm row (as loaded after the action). */
export function alarmActionEvent(
  kind: AlarmActionKind,
  a: {
    id: string;
    point_id: string;
    enterprise_id: string;
    district_code: string;
    tag: string;
    level: string;
    status: string;
    value: number | null;
  },
  at = new Date(),
): AlarmStreamEvent {
  return {
    alarmId: a.id,
    pointId: a.point_id,
    enterpriseId: a.enterprise_id,
    districtCode: a.district_code,
    tag: a.tag,
    level: a.level,
    status: a.status,
    value: a.value,
    at: at.toISOString(),
    kind,
  };
}
