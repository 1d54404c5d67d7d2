-- 100,000 users with distinct emails, names drawn from 40 x 40 parts, creation times spread
-- over a year, 1% soft-deleted. Deterministic (no random()), so every run loads the same data.
CREATE INDEX IF NOT EXISTS bench_users_created_at ON users (created_at);
INSERT INTO users (id, email, name, created_at, updated_at, deleted_at)
SELECT md5('user' || i)::uuid,
       'user' || i || '@example.com',
       (ARRAY['Ann','Bob','Carla','Dmitri','Eve','Farah','Gus','Hana','Ivan','Jia','Kofi','Lena',
              'Mateo','Nora','Omar','Pia','Quinn','Rosa','Sven','Tara','Umar','Vera','Wen','Xena',
              'Yusuf','Zoe','Aiko','Bruno','Chen','Dana','Emil','Fatima','Goran','Ines','Jonas',
              'Kira','Luis','Mia','Nils','Olga'])[1 + i % 40] || ' ' ||
       (ARRAY['Smith','Garcia','Muller','Rossi','Kim','Novak','Silva','Okafor','Tanaka','Cohen',
              'Larsen','Dubois','Ivanova','Patel','Nguyen','Lopez','Jensen','Moreau','Kowalski',
              'Haddad','Berg','Costa','Fischer','Hughes','Ito','Jovanovic','Keller','Lindqvist',
              'Mensah','Nakamura','Oliveira','Petrov','Quispe','Richter','Sato','Torres','Ueda',
              'Vogel','Weber','Yilmaz'])[1 + (i / 40) % 40],
       timestamptz '2025-01-01 00:00:00+00' + (i * interval '5 minutes 15 seconds'),
       timestamptz '2025-01-01 00:00:00+00' + (i * interval '5 minutes 15 seconds'),
       CASE WHEN i % 100 = 0 THEN timestamptz '2026-01-01 00:00:00+00' END
FROM generate_series(1, 100000) AS i;
-- The original names, so a reset can undo the benchmark's PATCH requests.
CREATE TABLE bench_names AS SELECT id, name FROM users;
ALTER TABLE bench_names ADD PRIMARY KEY (id);
VACUUM ANALYZE users;
