import { sql, type Kysely } from 'kysely';

/** Power-consumption analysis (电力监测): per-enterprise power profiles and the alerts the job records. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE power_profiles (
      enterprise_id uuid PRIMARY KEY REFERENCES enterprises(id),
      idle_baseline_kw double precision NOT NULL CHECK (idle_baseline_kw >= 0),
      declared_hours jsonb,
      updated_by text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );

    CREATE TABLE power_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('illegal_production_suspected', 'outside_declared_hours')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      enterprise_status text NOT NULL,
      baseline_kw double precision NOT NULL,
      period_from timestamptz NOT NULL,
      period_to timestamptz NOT NULL,
      minutes double precision NOT NULL,
      peak_kw double precision NOT NULL,
      samples integer NOT NULL,
      ongoing boolean NOT NULL,
      detected_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      closed_at timestamptz,
      closed_by text,
      disposal text,
      UNIQUE (enterprise_id, kind, period_from)
    );
    CREATE INDEX power_alerts_enterprise_idx ON power_alerts (enterprise_id, kind, period_to DESC);
    CREATE INDEX power_alerts_status_idx ON power_alerts (status, detected_at DESC);
    CREATE INDEX power_alerts_district_idx ON power_alerts (district_code, status);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE power_alerts, power_profiles`.execute(db);
}
