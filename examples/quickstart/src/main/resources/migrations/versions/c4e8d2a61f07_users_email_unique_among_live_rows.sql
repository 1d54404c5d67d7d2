-- revision: c4e8d2a61f07
-- down_revision: 9e1f4c2a7b35
-- message: users: email unique among live rows only
-- created: 2026-12-07T20:00:00Z

-- +upgrade postgresql
-- A deleted user's email can be registered again (issue 21): the ignore-case unique index covers
-- live rows only (a partial index), and the plain unique constraint over every row goes.
ALTER TABLE "users" DROP CONSTRAINT "uq_users_email";
DROP INDEX "ux_users_email_lower";
-- A plain build holds a write lock on users while it runs: accepted for the quickstart's small
-- table; a large one would take CREATE INDEX CONCURRENTLY in a revision with transactional: false.
-- lint:allow index_without_concurrently
CREATE UNIQUE INDEX "ux_users_email_lower_live" ON "users" (lower("email")) WHERE "deleted_at" IS NULL;

-- +downgrade postgresql
-- Fails while a deleted user and a live one share an email (ignoring case): remove one first.
DROP INDEX "ux_users_email_lower_live";
-- lint:allow index_without_concurrently
CREATE UNIQUE INDEX "ux_users_email_lower" ON "users" (lower("email"));
ALTER TABLE "users" ADD CONSTRAINT "uq_users_email" UNIQUE ("email");

-- +upgrade mariadb
-- MariaDB has neither partial nor expression indexes: the index is on an invisible virtual
-- column that holds lower(email) for live rows and NULL for deleted ones (NULL keys never
-- collide). The lower(email) column of the old index goes with it. MariaDB commits each DDL
-- statement, so the new index comes first: a failure leaves users with both rules, never none.
ALTER TABLE `users` ADD COLUMN IF NOT EXISTS `email__lower_live` VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin AS (IF(`deleted_at` IS NULL, lower(`email`), NULL)) VIRTUAL INVISIBLE, ADD UNIQUE INDEX `ux_users_email_lower_live` (`email__lower_live`);
ALTER TABLE `users` DROP INDEX `uq_users_email`;
-- lint:allow drop_column
ALTER TABLE `users` DROP INDEX `ux_users_email_lower`, DROP COLUMN `email__lower`;

-- +downgrade mariadb
-- Fails while a deleted user and a live one share an email (ignoring case): remove one first.
-- The stricter index comes first, so that failure changes nothing and the downgrade can be
-- run again once the duplicate is gone.
ALTER TABLE `users` ADD COLUMN IF NOT EXISTS `email__lower` VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin AS (lower(`email`)) VIRTUAL INVISIBLE, ADD UNIQUE INDEX `ux_users_email_lower` (`email__lower`);
ALTER TABLE `users` ADD CONSTRAINT `uq_users_email` UNIQUE (`email`);
-- lint:allow drop_column
ALTER TABLE `users` DROP INDEX `ux_users_email_lower_live`, DROP COLUMN `email__lower_live`;

-- +upgrade mysql
-- MySQL has no partial indexes: the key part is lower(email) for live rows and NULL for deleted
-- ones, a functional key part (MySQL keeps it in a hidden virtual column). Each DDL statement
-- commits, so the new index comes first, as on MariaDB.
CREATE UNIQUE INDEX `ux_users_email_lower_live` ON `users` ((IF(`deleted_at` IS NULL, lower(`email`), NULL)));
ALTER TABLE `users` DROP INDEX `uq_users_email`;
DROP INDEX `ux_users_email_lower` ON `users`;

-- +downgrade mysql
-- Fails while a deleted user and a live one share an email (ignoring case): remove one first.
CREATE UNIQUE INDEX `ux_users_email_lower` ON `users` ((lower(`email`)));
ALTER TABLE `users` ADD CONSTRAINT `uq_users_email` UNIQUE (`email`);
DROP INDEX `ux_users_email_lower_live` ON `users`;

-- +upgrade sqlite
-- SQLite cannot drop a table's own constraint, so users is rebuilt without uq_users_email:
-- create the new table, copy every row (deleted ones too), drop the old table, rename, and
-- create the indexes again. No table has a foreign key to users, so no reference needs to be
-- kept valid across the rename; the revision runs in one transaction, so a failure leaves the
-- old table as it was.
CREATE TABLE "users_live" (
  "id" CHAR(36),
  "email" VARCHAR(320) NOT NULL,
  "name" VARCHAR(200),
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "deleted_at" TIMESTAMP WITH TIME ZONE,
  CONSTRAINT "pk_users" PRIMARY KEY ("id")
);
INSERT INTO "users_live" ("id", "email", "name", "created_at", "updated_at", "deleted_at")
  SELECT "id", "email", "name", "created_at", "updated_at", "deleted_at" FROM "users";
-- lint:allow drop_table
DROP TABLE "users";
ALTER TABLE "users_live" RENAME TO "users";
CREATE INDEX "ix_users_created_at" ON "users" ("created_at");
CREATE UNIQUE INDEX "ux_users_email_lower_live" ON "users" (svcinfra_lower("email")) WHERE "deleted_at" IS NULL;

-- +downgrade sqlite
-- Fails while a deleted user and a live one share an email (ignoring case): remove one first.
CREATE TABLE "users_all" (
  "id" CHAR(36),
  "email" VARCHAR(320) NOT NULL,
  "name" VARCHAR(200),
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "deleted_at" TIMESTAMP WITH TIME ZONE,
  CONSTRAINT "pk_users" PRIMARY KEY ("id"),
  CONSTRAINT "uq_users_email" UNIQUE ("email")
);
INSERT INTO "users_all" ("id", "email", "name", "created_at", "updated_at", "deleted_at")
  SELECT "id", "email", "name", "created_at", "updated_at", "deleted_at" FROM "users";
-- lint:allow drop_table
DROP TABLE "users";
ALTER TABLE "users_all" RENAME TO "users";
CREATE INDEX "ix_users_created_at" ON "users" ("created_at");
CREATE UNIQUE INDEX "ux_users_email_lower" ON "users" (svcinfra_lower("email"));
