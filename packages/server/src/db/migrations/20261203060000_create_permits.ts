import { sql, type Kysely } from 'kysely';

// Special-operation electronic permits (GB 30871-2022): worker registry, permits, their events, the refused
// actions counted as violations caught, and per-day number counters.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE permit_workers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      name text NOT NULL,
      id_number text,
      phone text,
      certificates jsonb NOT NULL DEFAULT '[]',
      guardian_trained boolean NOT NULL DEFAULT false,
      archived boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX permit_workers_enterprise_idx ON permit_workers (enterprise_id, name);

    CREATE TABLE permit_counters (
      prefix text PRIMARY KEY,
      last integer NOT NULL
    );

    CREATE TABLE permits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code text NOT NULL,
      type text NOT NULL,
      grade text,
      status text NOT NULL,
      draft jsonb NOT NULL,
      signatures jsonb NOT NULL DEFAULT '[]',
      gas_analyses jsonb NOT NULL DEFAULT '[]',
      interruptions jsonb NOT NULL DEFAULT '[]',
      guardian_on_site boolean NOT NULL DEFAULT false,
      planned_start timestamptz NOT NULL,
      planned_end timestamptz NOT NULL,
      valid_until timestamptz NOT NULL,
      started_at timestamptz,
      completed_at timestamptz,
      closed_at timestamptz,
      zone text,
      installation_id uuid,
      verify_token text NOT NULL,
      created_by uuid,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX permits_enterprise_idx ON permits (enterprise_id, created_at DESC);
    CREATE INDEX permits_district_idx ON permits (district_code, created_at DESC);
    CREATE INDEX permits_active_idx ON permits (status, valid_until);
    CREATE INDEX permits_zone_idx ON permits (enterprise_id, zone) WHERE zone IS NOT NULL;

    CREATE TABLE permit_events (
      id bigserial PRIMARY KEY,
      permit_id uuid NOT NULL REFERENCES permits(id),
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid,
      actor_name text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX permit_events_permit_idx ON permit_events (permit_id, id);

    CREATE TABLE permit_refusals (
      id bigserial PRIMARY KEY,
      permit_id uuid REFERENCES permits(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code text NOT NULL,
      type text NOT NULL,
      action text NOT NULL,
      codes text[] NOT NULL,
      violations jsonb NOT NULL,
      actor_id uuid,
      actor_name text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX permit_refusals_enterprise_idx ON permit_refusals (enterprise_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE permit_refusals, permit_events, permits, permit_counters, permit_workers`.execute(db);
}
