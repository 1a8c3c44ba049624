import { sql, type Kysely } from 'kysely';

// Uploaded files: content-addressed blobs (deduplicated by SHA-256) kept in the database, so they
// share its transactions, backups and replicas, and every server instance sees them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE file_blobs (
      sha256 char(64) PRIMARY KEY,
      size integer NOT NULL,
      content bytea NOT NULL,
      thumbnail bytea
    );
    CREATE TABLE files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sha256 char(64) NOT NULL REFERENCES file_blobs(sha256),
      name text NOT NULL,
      mime text NOT NULL,
      size integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('image', 'document')),
      width integer,
      height integer,
      uploaded_by uuid REFERENCES users(id),
      enterprise_id uuid REFERENCES enterprises(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX files_sha_idx ON files (sha256);
    CREATE INDEX files_enterprise_idx ON files (enterprise_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE files, file_blobs`.execute(db);
}
