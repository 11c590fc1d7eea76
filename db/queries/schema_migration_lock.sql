-- Roles are shared by every database of a cluster: migrations are serialised cluster-wide.
SELECT pg_advisory_xact_lock($1::bigint)
