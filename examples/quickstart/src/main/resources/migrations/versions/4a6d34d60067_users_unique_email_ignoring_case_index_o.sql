-- revision: 4a6d34d60067
-- down_revision: 5c0e4a1b7d21
-- message: users: unique email ignoring case, index on created_at
-- created: 2026-11-25T11:28:31Z

-- +upgrade postgresql,sqlite
-- A plain build holds a write lock on users while it runs: accepted for the quickstart's small
-- table; a large one would take CREATE INDEX CONCURRENTLY in a revision with transactional: false.
-- lint:allow index_without_concurrently
CREATE INDEX "ix_users_created_at" ON "users" ("created_at");
-- lint:allow index_without_concurrently
CREATE UNIQUE INDEX "ux_users_email_lower" ON "users" (lower("email"));

-- +downgrade postgresql,sqlite
DROP INDEX "ux_users_email_lower";
DROP INDEX "ix_users_created_at";

-- +upgrade mysql
CREATE INDEX `ix_users_created_at` ON `users` (`created_at`);
CREATE UNIQUE INDEX `ux_users_email_lower` ON `users` ((lower(`email`)));

-- +downgrade mysql
DROP INDEX `ux_users_email_lower` ON `users`;
DROP INDEX `ix_users_created_at` ON `users`;

-- +upgrade mariadb
CREATE INDEX `ix_users_created_at` ON `users` (`created_at`);
CREATE UNIQUE INDEX `ux_users_email_lower` ON `users` (`email`);

-- +downgrade mariadb
DROP INDEX `ux_users_email_lower` ON `users`;
DROP INDEX `ix_users_created_at` ON `users`;
