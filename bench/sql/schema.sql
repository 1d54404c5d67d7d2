-- The users table of the quickstart's generated resource, used when the quickstart is not built
-- (otherwise the quickstart's own migrations create it and only the index below is added).
CREATE TABLE IF NOT EXISTS users (
  id uuid PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  name varchar(255),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz
);
