import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users ADD COLUMN capabilities text[] NOT NULL DEFAULT '{}';

    CREATE TABLE reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tracking_code text NOT NULL UNIQUE,
      access_key_hash text NOT NULL,
      channel text NOT NULL,
      category text NOT NULL,
      enterprise_id uuid REFERENCES enterprises(id),
      enterprise_name text NOT NULL,
      district_code text NOT NULL,
      location text NOT NULL,
      description text NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      anonymous boolean NOT NULL,
      -- AES-256-GCM ciphertext of the reporter's identity (name, phone, ID number); never plaintext
      reporter_enc bytea,
      -- keyed hash of the phone number, to recognise the same reporter without decrypting
      reporter_tag text,
      status text NOT NULL DEFAULT 'received',
      department_ids text[] NOT NULL DEFAULT '{}',
      accepted_org_id text,
      accepted_at timestamptz,
      verify_due_at timestamptz,
      extended boolean NOT NULL DEFAULT false,
      verified_at timestamptz,
      outcome text,
      outcome_summary text,
      fine numeric,
      hazard_id uuid REFERENCES hazards(id),
      feedback_due_at timestamptz,
      feedback_at timestamptz,
      feedback_summary text,
      reward_amount integer,
      reward_basis text,
      reward_approved_by text,
      reward_paid_at timestamptz,
      payment_ref text,
      duplicate_of uuid REFERENCES reports(id),
      closed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reports_district_idx ON reports (district_code, created_at DESC);
    CREATE INDEX reports_enterprise_idx ON reports (enterprise_id, created_at DESC);
    CREATE INDEX reports_status_idx ON reports (status);
    CREATE INDEX reports_departments_idx ON reports USING gin (department_ids);

    CREATE TABLE report_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES reports(id),
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid,
      actor_name text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX report_events_report_idx ON report_events (report_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE report_events, reports; ALTER TABLE users DROP COLUMN capabilities`.execute(db);
}
