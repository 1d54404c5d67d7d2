-- The lists section's large table: :rows users (psql -v rows=10000000) in the bench's own
-- database, made by the quickstart's migrations. Same generator as data.sql. The secondary
-- indexes are dropped for the load and built once afterwards (one sort per index instead of
-- millions of inserts into each); the trigram search indexes are not rebuilt, since this section
-- measures list pages without q= and neither a page, its EXPLAIN nor its COUNT(*) reads them.
DROP INDEX IF EXISTS ix_users_email_trgm, ix_users_name_trgm, ix_users_created_at,
  ux_users_email_lower_live;
SET maintenance_work_mem = '512MB';
INSERT INTO users (id, email, name, created_at, updated_at, deleted_at)
SELECT md5('user' || i)::uuid,
       'user' || i || '@example.com',
       'User ' || (i % 1600),
       timestamptz '2025-01-01 00:00:00+00' + (i * interval '3 seconds'),
       timestamptz '2025-01-01 00:00:00+00' + (i * interval '3 seconds'),
       CASE WHEN i % 100 = 0 THEN timestamptz '2026-01-01 00:00:00+00' END
FROM generate_series(1, :rows) AS i;
CREATE UNIQUE INDEX ux_users_email_lower_live ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX ix_users_created_at ON users (created_at);
VACUUM ANALYZE users;
