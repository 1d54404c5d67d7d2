-- revision: 9e1f4c2a7b35
-- down_revision: 7d3e5a91c4b2
-- message: idempotency keys
-- created: 2026-12-07T13:49:51Z

-- +upgrade postgresql
CREATE TABLE "svc_idempotency_keys" (
  "key_hash" VARCHAR(64) NOT NULL,
  "request_hash" VARCHAR(64) NOT NULL,
  "claim" VARCHAR(36),
  "locked_until" BIGINT,
  "expires_at" BIGINT NOT NULL,
  "response_status" INTEGER,
  "response_headers" TEXT,
  "response_body" BYTEA,
  "created_at" BIGINT NOT NULL,
  CONSTRAINT "pk_svc_idempotency_keys" PRIMARY KEY ("key_hash")
);
CREATE INDEX "ix_svc_idempotency_keys_expires_at" ON "svc_idempotency_keys" ("expires_at");

-- +downgrade postgresql
DROP TABLE "svc_idempotency_keys";

-- +upgrade mariadb
CREATE TABLE `svc_idempotency_keys` (
  `key_hash` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  `request_hash` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  `claim` VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  `locked_until` BIGINT,
  `expires_at` BIGINT NOT NULL,
  `response_status` INTEGER,
  `response_headers` LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  `response_body` LONGBLOB,
  `created_at` BIGINT NOT NULL,
  CONSTRAINT `pk_svc_idempotency_keys` PRIMARY KEY (`key_hash`)
);
CREATE INDEX `ix_svc_idempotency_keys_expires_at` ON `svc_idempotency_keys` (`expires_at`);

-- +downgrade mariadb
DROP TABLE `svc_idempotency_keys`;

-- +upgrade mysql
CREATE TABLE `svc_idempotency_keys` (
  `key_hash` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  `request_hash` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  `claim` VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin,
  `locked_until` BIGINT,
  `expires_at` BIGINT NOT NULL,
  `response_status` INTEGER,
  `response_headers` LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin,
  `response_body` LONGBLOB,
  `created_at` BIGINT NOT NULL,
  CONSTRAINT `pk_svc_idempotency_keys` PRIMARY KEY (`key_hash`)
);
CREATE INDEX `ix_svc_idempotency_keys_expires_at` ON `svc_idempotency_keys` (`expires_at`);

-- +downgrade mysql
DROP TABLE `svc_idempotency_keys`;

-- +upgrade sqlite
CREATE TABLE "svc_idempotency_keys" (
  "key_hash" VARCHAR(64) NOT NULL,
  "request_hash" VARCHAR(64) NOT NULL,
  "claim" VARCHAR(36),
  "locked_until" INTEGER,
  "expires_at" INTEGER NOT NULL,
  "response_status" INTEGER,
  "response_headers" TEXT,
  "response_body" BLOB,
  "created_at" INTEGER NOT NULL,
  CONSTRAINT "pk_svc_idempotency_keys" PRIMARY KEY ("key_hash")
);
CREATE INDEX "ix_svc_idempotency_keys_expires_at" ON "svc_idempotency_keys" ("expires_at");

-- +downgrade sqlite
DROP TABLE "svc_idempotency_keys";
