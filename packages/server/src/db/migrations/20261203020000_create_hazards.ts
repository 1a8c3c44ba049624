import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE criteria_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      sector text NOT NULL,
      version text NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      source text NOT NULL DEFAULT '',
      article text NOT NULL DEFAULT '',
      effective_from date NOT NULL,
      effective_to date,
      builtin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX criteria_sector_idx ON criteria_items (sector, code);

    CREATE TABLE hazard_counters (
      district_code text NOT NULL,
      year integer NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (district_code, year)
    );

    CREATE TABLE hazards (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code text NOT NULL,
      industry_code text NOT NULL,
      sectors text[] NOT NULL DEFAULT '{}',
      grade text NOT NULL CHECK (grade IN ('major', 'general')),
      criterion_id uuid REFERENCES criteria_items(id),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      location text NOT NULL DEFAULT '',
      lng double precision,
      lat double precision,
      source text NOT NULL,
      discovered_at timestamptz NOT NULL,
      discovered_by uuid,
      discovered_by_name text NOT NULL,
      status text NOT NULL,
      deadline timestamptz,
      plan jsonb,
      department_code text,
      department_ids text[] NOT NULL DEFAULT '{}',
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      pending_extension jsonb,
      rejections integer NOT NULL DEFAULT 0,
      reopens integer NOT NULL DEFAULT 0,
      supervised boolean NOT NULL DEFAULT false,
      supervision jsonb,
      closed_at timestamptz,
      accepted_by uuid,
      accepted_by_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX hazards_district_status_idx ON hazards (district_code, status, discovered_at DESC);
    CREATE INDEX hazards_enterprise_idx ON hazards (enterprise_id, discovered_at DESC);
    CREATE INDEX hazards_status_deadline_idx ON hazards (status, deadline);
    CREATE INDEX hazards_discovered_idx ON hazards (discovered_at DESC);
    CREATE INDEX hazards_grade_status_idx ON hazards (grade, status);
    CREATE INDEX hazards_criterion_idx ON hazards (criterion_id);
    CREATE INDEX hazards_departments_idx ON hazards USING gin (department_ids);

    CREATE TABLE hazard_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      hazard_id uuid NOT NULL REFERENCES hazards(id),
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid,
      actor_name text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      data jsonb NOT NULL DEFAULT '{}',
      attachment_ids uuid[] NOT NULL DEFAULT '{}'
    );
    CREATE INDEX hazard_events_hazard_idx ON hazard_events (hazard_id, id);

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dedupe_key text NOT NULL UNIQUE,
      channel text NOT NULL CHECK (channel IN ('sms', 'inapp')),
      user_id uuid REFERENCES users(id),
      recipient_name text NOT NULL,
      phone text,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      hazard_id uuid REFERENCES hazards(id),
      enterprise_id uuid REFERENCES enterprises(id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'read')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      read_at timestamptz
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
    CREATE INDEX notifications_pending_idx ON notifications (status, created_at) WHERE status = 'pending';

    CREATE TABLE escalations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_type text NOT NULL CHECK (unit_type IN ('hazard', 'district', 'department')),
      unit_key text NOT NULL,
      hazard_id uuid REFERENCES hazards(id),
      district_code text,
      enterprise_id uuid REFERENCES enterprises(id),
      rung text NOT NULL CHECK (rung IN ('letter', 'circular', 'interview', 'exposure')),
      days_overdue integer NOT NULL,
      as_of timestamptz NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_type, unit_key, rung)
    );
    CREATE INDEX escalations_hazard_idx ON escalations (hazard_id);
    CREATE INDEX escalations_district_idx ON escalations (district_code, rung);

    CREATE TABLE recheck_draws (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      month text NOT NULL,
      district_code text NOT NULL,
      seed text NOT NULL,
      share double precision NOT NULL,
      population integer NOT NULL,
      hazard_ids uuid[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (month, district_code)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE recheck_draws, escalations, notifications, hazard_events, hazards, hazard_counters, criteria_items`.execute(
    db,
  );
}
