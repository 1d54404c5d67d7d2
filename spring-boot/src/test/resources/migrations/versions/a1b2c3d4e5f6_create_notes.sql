-- revision: a1b2c3d4e5f6
-- down_revision:
-- message: create notes

-- +upgrade
CREATE TABLE notes (
  id BIGINT NOT NULL PRIMARY KEY,
  title VARCHAR(200) NOT NULL
);

-- +downgrade
DROP TABLE notes;
