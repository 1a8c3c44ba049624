import type { Migration } from 'kysely';
import * as m1 from './20261203000100_create_foundation';
import * as m2 from './20261203000200_seed_organizations';
import * as m3 from './20261203010000_create_files';
import * as m4 from './20261203020000_create_hazards';
import * as m5 from './20261203030000_add_hazard_indexes';
import * as m6 from './20261203040000_create_reports';
import * as m7 from './20261203050000_create_internal_reports';
import * as m8 from './20261203060000_create_permits';
import * as m9 from './20261203070000_create_monitoring';
import * as mAlarmRepeats from './20261203081000_add_alarm_repeats';
import * as mPowerMonitoring from './20261203082000_create_power_monitoring';
import * as mOpenAlarmIndex from './20261203083000_add_open_alarm_index';
import * as mHazardStats from './20261204090000_create_hazard_stats';
import * as mOpenHazardIndex from './20261204091000_add_open_hazard_index';

/** Every migration in order; names sort by their timestamp prefix. */
export const migrations: Record<string, Migration> = {
  '20261203000100_create_foundation': m1,
  '20261203000200_seed_organizations': m2,
  '20261203010000_create_files': m3,
  '20261203020000_create_hazards': m4,
  '20261203030000_add_hazard_indexes': m5,
  '20261203040000_create_reports': m6,
  '20261203050000_create_internal_reports': m7,
  '20261203060000_create_permits': m8,
  '20261203070000_create_monitoring': m9,
  '20261203081000_add_alarm_repeats': mAlarmRepeats,
  '20261203082000_create_power_monitoring': mPowerMonitoring,
  '20261203083000_add_open_alarm_index': mOpenAlarmIndex,
  '20261204090000_create_hazard_stats': mHazardStats,
  '20261204091000_add_open_hazard_index': mOpenHazardIndex,
};
