-- revision: 7d3e5a91c4b2
-- down_revision: 7d3e9b2c4f18
-- message: accounts: exact decimal balance on sqlite
-- created: 2026-12-07T04:30:00Z

-- +upgrade sqlite
-- SQLite kept NUMERIC(19, 2) as binary floating point (0.1 + 0.2 is not 0.3). The balance
-- becomes the exact integer of cents (DECIMAL_AS_INTEGER, see docs/data-layer.md) with its own
-- CHECK. SQLite cannot change a column's type, so the table is rebuilt: each stored balance is
-- rounded to the cent it was meant to be (a float such as 0.30000000000000004 becomes 30).
CREATE TABLE "accounts_exact" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "owner" VARCHAR(200) NOT NULL,
  "balance" DECIMAL_AS_INTEGER(19, 2) DEFAULT 0 NOT NULL CONSTRAINT "decimal(balance)" CHECK (typeof("balance") IN ('integer', 'null') AND "balance" BETWEEN -9223372036854775807 AND 9223372036854775807),
  CONSTRAINT "ck_accounts_balance" CHECK (balance >= 0)
);
INSERT INTO "accounts_exact" ("id", "owner", "balance")
  SELECT "id", "owner", CAST(ROUND("balance" * 100) AS INTEGER) FROM "accounts";
-- Ids of deleted accounts are never handed out again: the new table continues the old sequence.
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'accounts')
  WHERE name = 'accounts_exact' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'accounts');
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'accounts_exact', seq FROM sqlite_sequence WHERE name = 'accounts'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'accounts_exact');
-- lint:allow drop_table
DROP TABLE "accounts";
ALTER TABLE "accounts_exact" RENAME TO "accounts";

-- +downgrade sqlite
CREATE TABLE "accounts_float" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "owner" VARCHAR(200) NOT NULL,
  "balance" NUMERIC(19, 2) DEFAULT 0 NOT NULL,
  CONSTRAINT "ck_accounts_balance" CHECK (balance >= 0)
);
INSERT INTO "accounts_float" ("id", "owner", "balance")
  SELECT "id", "owner", printf('%d.%02d', "balance" / 100, "balance" % 100) FROM "accounts";
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'accounts_float', seq FROM sqlite_sequence WHERE name = 'accounts'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'accounts_float');
-- lint:allow drop_table
DROP TABLE "accounts";
ALTER TABLE "accounts_float" RENAME TO "accounts";

-- +upgrade postgresql,mysql,mariadb
-- Nothing to do: these databases store NUMERIC/DECIMAL exactly.

-- +downgrade postgresql,mysql,mariadb
