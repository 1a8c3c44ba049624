import { sql, type Kysely } from 'kysely';

// Enterprise internal reporting: employees report hazards to their own enterprise from a QR code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE internal_report_channels (
      enterprise_id uuid PRIMARY KEY REFERENCES enterprises(id),
      token text NOT NULL UNIQUE,
      enabled boolean NOT NULL DEFAULT true,
      reward_rules text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE internal_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      tracking_code text NOT NULL UNIQUE,
      access_key_hash text NOT NULL,
      location text NOT NULL,
      description text NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      anonymous boolean NOT NULL,
      reporter_enc bytea,
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'resolved', 'rejected')),
      resolution text,
      reward_amount integer,
      handled_by text,
      handled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX internal_reports_enterprise_idx ON internal_reports (enterprise_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE internal_reports, internal_report_channels`.execute(db);
}
