-- Statements executed in database $1 since the last reset; the measuring connection uses another database.
SELECT coalesce(sum(s.calls), 0)::bigint
FROM pg_stat_statements AS s
JOIN pg_database AS d ON d.oid = s.dbid
WHERE d.datname = $1::text
