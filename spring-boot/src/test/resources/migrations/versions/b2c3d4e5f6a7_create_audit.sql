-- revision: b2c3d4e5f6a7
-- down_revision: a1b2c3d4e5f6
-- message: create audit

-- +upgrade
CREATE TABLE audit (
  id BIGINT NOT NULL PRIMARY KEY,
  what VARCHAR(200) NOT NULL
);

-- +downgrade
DROP TABLE audit;
