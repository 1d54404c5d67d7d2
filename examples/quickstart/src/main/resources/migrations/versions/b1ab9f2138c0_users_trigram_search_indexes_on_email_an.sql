-- revision: b1ab9f2138c0
-- down_revision: 4a6d34d60067
-- message: users: trigram search indexes on email and name
-- created: 2026-11-25T14:28:03Z

-- +upgrade mariadb,mysql,sqlite
-- Nothing to do: these databases have no index that serves ILIKE '%term%'; the models'
-- trigram indexes are left out here and GET /users?q= scans, as before.

-- +downgrade mariadb,mysql,sqlite

-- +upgrade postgresql
-- pg_trgm provides gin_trgm_ops. IF NOT EXISTS is checked before the privilege to create it,
-- so where an administrator installed it, any user runs this.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- A plain build holds a write lock on users while it runs: accepted for the quickstart's small
-- table; a large one would take CREATE INDEX CONCURRENTLY in a revision with transactional: false.
-- lint:allow index_without_concurrently
CREATE INDEX "ix_users_email_trgm" ON "users" USING gin ("email" gin_trgm_ops);
-- lint:allow index_without_concurrently
CREATE INDEX "ix_users_name_trgm" ON "users" USING gin ("name" gin_trgm_ops);

-- +downgrade postgresql
-- pg_trgm stays installed: other objects may use it.
DROP INDEX "ix_users_name_trgm";
DROP INDEX "ix_users_email_trgm";
