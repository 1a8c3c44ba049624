import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE installations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      name text NOT NULL,
      kind text NOT NULL,
      substances jsonb NOT NULL DEFAULT '[]',
      people_within_500m integer,
      assessment jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX installations_enterprise_idx ON installations (enterprise_id);

    CREATE TABLE gateways (
      id text PRIMARY KEY,
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      name text NOT NULL,
      token_hash text NOT NULL,
      accepted bigint NOT NULL DEFAULT 0,
      rejected bigint NOT NULL DEFAULT 0,
      last_error text,
      last_seen_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX gateways_enterprise_idx ON gateways (enterprise_id);
    CREATE UNIQUE INDEX gateways_token_idx ON gateways (token_hash);

    CREATE TABLE monitoring_points (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      tag text NOT NULL,
      kind text NOT NULL,
      unit text NOT NULL,
      thresholds jsonb NOT NULL DEFAULT '{}',
      deadband double precision NOT NULL DEFAULT 0,
      delay_on_sec integer NOT NULL DEFAULT 0,
      stale_timeout_sec integer NOT NULL,
      installation_id uuid REFERENCES installations(id),
      zone text,
      state jsonb,
      last_value double precision,
      last_ts timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (enterprise_id, tag)
    );

    -- Raw readings, partitioned by time (daily partitions made ahead by a job; the default catches the rest).
    CREATE TABLE readings (
      point_id uuid NOT NULL,
      ts timestamptz NOT NULL,
      value double precision NOT NULL
    ) PARTITION BY RANGE (ts);
    CREATE TABLE readings_default PARTITION OF readings DEFAULT;
    CREATE INDEX readings_point_ts_idx ON readings (point_id, ts);

    CREATE TABLE readings_1m (
      point_id uuid NOT NULL,
      bucket timestamptz NOT NULL,
      min double precision NOT NULL,
      max double precision NOT NULL,
      sum double precision NOT NULL,
      count integer NOT NULL,
      last double precision NOT NULL,
      last_ts timestamptz NOT NULL,
      PRIMARY KEY (point_id, bucket)
    );

    CREATE TABLE alarms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      point_id uuid NOT NULL REFERENCES monitoring_points(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code text NOT NULL,
      tag text NOT NULL,
      level text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'acknowledged', 'closed')),
      value double precision,
      peak double precision,
      opened_at timestamptz NOT NULL,
      acknowledged_by text,
      acknowledged_at timestamptz,
      disposal text,
      false_alarm boolean NOT NULL DEFAULT false,
      disposed_at timestamptz,
      closed_at timestamptz,
      escalation_tier text NOT NULL DEFAULT 'enterprise',
      hazard_id uuid REFERENCES hazards(id)
    );
    CREATE INDEX alarms_status_idx ON alarms (status, opened_at DESC);
    CREATE INDEX alarms_enterprise_idx ON alarms (enterprise_id, opened_at DESC);
    CREATE INDEX alarms_district_idx ON alarms (district_code, status);
    CREATE INDEX alarms_point_idx ON alarms (point_id, opened_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE alarms, readings_1m, readings, monitoring_points, gateways, installations`.execute(db);
}
