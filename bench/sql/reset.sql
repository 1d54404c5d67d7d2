-- Between write workloads: drop the rows the benchmark created and undo its renames, so every
-- system meets the same table.
DELETE FROM users WHERE email LIKE 'new-%';
UPDATE users u SET name = b.name FROM bench_names b WHERE u.id = b.id AND u.name IS DISTINCT FROM b.name;
VACUUM ANALYZE users;
