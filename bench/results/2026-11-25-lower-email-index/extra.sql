CREATE UNIQUE INDEX users_lower_email ON users (LOWER(email))
