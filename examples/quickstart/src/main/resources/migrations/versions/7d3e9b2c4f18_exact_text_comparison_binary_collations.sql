-- revision: 7d3e9b2c4f18
-- down_revision: b1ab9f2138c0
-- message: exact text comparison: binary collations, Unicode ignore-case email index
-- created: 2026-12-07T04:20:00Z

-- +upgrade postgresql
-- Nothing to do: PostgreSQL compares text exactly, and its lower() folds Unicode case in a
-- UTF-8 database.

-- +downgrade postgresql

-- +upgrade mariadb
-- Text columns compare exactly (binary, NO PAD): the server's default collation ignored case,
-- accents and trailing spaces, so tenant "acme" also matched "ACME", "ácme" and "acme ".
-- The ignore-case email index moves to an invisible lower(email) column: on a binary column a
-- plain index no longer ignores case, and on a _ci column it ignored accents too.
-- Only the collation changes (the character set stays utf8mb4): no value changes, and the
-- indexes on these columns are rebuilt, a short lock on the quickstart's small tables.
DROP INDEX `ux_users_email_lower` ON `users`;
-- lint:allow type_change
ALTER TABLE `users`
  MODIFY COLUMN `id` CHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY COLUMN `email` VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY COLUMN `name` VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
-- lint:allow type_change
ALTER TABLE `notes`
  MODIFY COLUMN `tenant_id` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY COLUMN `title` VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY COLUMN `body` LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
-- lint:allow type_change
ALTER TABLE `accounts`
  MODIFY COLUMN `owner` VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
ALTER TABLE `users` ADD COLUMN IF NOT EXISTS `email__lower` VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin AS (lower(`email`)) VIRTUAL INVISIBLE, ADD UNIQUE INDEX `ux_users_email_lower` (`email__lower`);

-- +downgrade mariadb
ALTER TABLE `users` DROP INDEX `ux_users_email_lower`, DROP COLUMN `email__lower`;
-- lint:allow type_change
ALTER TABLE `accounts`
  MODIFY COLUMN `owner` VARCHAR(200) NOT NULL;
-- lint:allow type_change
ALTER TABLE `notes`
  MODIFY COLUMN `tenant_id` VARCHAR(64) NOT NULL,
  MODIFY COLUMN `title` VARCHAR(200) NOT NULL,
  MODIFY COLUMN `body` LONGTEXT;
-- lint:allow type_change
ALTER TABLE `users`
  MODIFY COLUMN `id` CHAR(36) NOT NULL,
  MODIFY COLUMN `email` VARCHAR(320) NOT NULL,
  MODIFY COLUMN `name` VARCHAR(200);
CREATE UNIQUE INDEX `ux_users_email_lower` ON `users` (`email`);

-- +upgrade mysql
-- Text columns compare exactly (binary, NO PAD): the server's default collation ignores case
-- and accents. The functional email index is rebuilt over the binary column.
DROP INDEX `ux_users_email_lower` ON `users`;
-- lint:allow type_change
ALTER TABLE `users`
  MODIFY COLUMN `id` CHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  MODIFY COLUMN `email` VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  MODIFY COLUMN `name` VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
-- lint:allow type_change
ALTER TABLE `notes`
  MODIFY COLUMN `tenant_id` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  MODIFY COLUMN `title` VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  MODIFY COLUMN `body` LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
-- lint:allow type_change
ALTER TABLE `accounts`
  MODIFY COLUMN `owner` VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL;
CREATE UNIQUE INDEX `ux_users_email_lower` ON `users` ((lower(`email`)));

-- +downgrade mysql
DROP INDEX `ux_users_email_lower` ON `users`;
-- lint:allow type_change
ALTER TABLE `accounts`
  MODIFY COLUMN `owner` VARCHAR(200) NOT NULL;
-- lint:allow type_change
ALTER TABLE `notes`
  MODIFY COLUMN `tenant_id` VARCHAR(64) NOT NULL,
  MODIFY COLUMN `title` VARCHAR(200) NOT NULL,
  MODIFY COLUMN `body` LONGTEXT;
-- lint:allow type_change
ALTER TABLE `users`
  MODIFY COLUMN `id` CHAR(36) NOT NULL,
  MODIFY COLUMN `email` VARCHAR(320) NOT NULL,
  MODIFY COLUMN `name` VARCHAR(200);
CREATE UNIQUE INDEX `ux_users_email_lower` ON `users` ((lower(`email`)));

-- +upgrade sqlite
-- SQLite's lower() folds ASCII only, so ÉMILE@x and émile@x were two users. The index now
-- folds with svcinfra_lower (Unicode lowercase), which the library registers on each of its
-- connections; other programs can read users but not write it.
DROP INDEX "ux_users_email_lower";
CREATE UNIQUE INDEX "ux_users_email_lower" ON "users" (svcinfra_lower("email"));

-- +downgrade sqlite
DROP INDEX "ux_users_email_lower";
CREATE UNIQUE INDEX "ux_users_email_lower" ON "users" (lower("email"));
