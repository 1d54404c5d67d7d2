-- revision: 5a5a5a5a5a01
-- down_revision:
-- message: create boxes

-- +upgrade
CREATE TABLE boxes (id INTEGER PRIMARY KEY, label VARCHAR(40));

-- +downgrade
DROP TABLE boxes;
