-- Forget the statements counted so far in database $1 (all users, all queries).
SELECT pg_stat_statements_reset(0, (SELECT d.oid FROM pg_database AS d WHERE d.datname = $1::text), 0)
