-- The users table of the quickstart's generated resource, used when the quickstart is not built
-- (otherwise the quickstart's own migrations create it, with the same trigram indexes).
CREATE TABLE IF NOT EXISTS users (
  id uuid PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  name varchar(255),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz
);
-- The search fields' trigram indexes (the quickstart's revision b1ab9f2138c0), so every system
-- runs the q= search against the same indexes whichever way the table was made.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS ix_users_email_trgm ON users USING gin (email gin_trgm_ops);
CREATE INDEX IF NOT EXISTS ix_users_name_trgm ON users USING gin (name gin_trgm_ops);
