-- In the `postgres` database, so that the bench database (and what PostGraphile exposes of it) stays as migrated.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements
