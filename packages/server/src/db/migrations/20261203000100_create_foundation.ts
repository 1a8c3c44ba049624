import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organizations (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('city', 'district', 'office', 'department')),
      level text NOT NULL CHECK (level IN ('city', 'district')),
      name text NOT NULL,
      name_en text NOT NULL,
      region_code text NOT NULL,
      parent_id text REFERENCES organizations(id),
      dept_code text,
      sectors text[] NOT NULL DEFAULT '{}',
      sort integer NOT NULL DEFAULT 0
    );

    CREATE TABLE enterprises (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      uscc char(18) NOT NULL UNIQUE,
      district_code text NOT NULL,
      industry_code text NOT NULL,
      industry_name text NOT NULL,
      address text NOT NULL DEFAULT '',
      lng double precision,
      lat double precision,
      sectors text[] NOT NULL DEFAULT '{}',
      categories text[] NOT NULL DEFAULT '{}',
      scale text NOT NULL,
      standardization_level text NOT NULL,
      employees integer NOT NULL DEFAULT 0,
      principal jsonb NOT NULL,
      actual_controller jsonb NOT NULL,
      department_ids text[] NOT NULL DEFAULT '{}',
      departments_overridden boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'operating',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX enterprises_district_idx ON enterprises (district_code, name);
    CREATE INDEX enterprises_name_idx ON enterprises (name);
    CREATE INDEX enterprises_industry_idx ON enterprises (industry_code);
    CREATE INDEX enterprises_sectors_idx ON enterprises USING gin (sectors);
    CREATE INDEX enterprises_categories_idx ON enterprises USING gin (categories);
    CREATE INDEX enterprises_departments_idx ON enterprises USING gin (department_ids);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL,
      org_id text REFERENCES organizations(id),
      enterprise_id uuid REFERENCES enterprises(id),
      phone text,
      password_hash text NOT NULL,
      status text NOT NULL DEFAULT 'active',
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz
    );
    CREATE INDEX users_org_idx ON users (org_id);
    CREATE INDEX users_enterprise_idx ON users (enterprise_id);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      scopes text[] NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE audit_log (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id uuid,
      actor_name text NOT NULL,
      org_id text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX audit_entity_idx ON audit_log (entity_type, entity_id);
    CREATE INDEX audit_actor_idx ON audit_log (actor_id);

    CREATE TABLE app_meta (
      key text PRIMARY KEY,
      value jsonb NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE app_meta, audit_log, api_tokens, sessions, users, enterprises, organizations`.execute(
    db,
  );
}
