-- What the API role cannot do besides writing tables. Its session may turn default_transaction_read_only off
-- (PostgreSQL lets any session SET a user parameter, whatever ALTER ROLE ... SET says), so these rest on
-- privileges, which a session cannot change.
DO $$
BEGIN
    -- Temporary tables and sequences are writes too (and disk): only the database's owner keeps TEMP.
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    -- PostgreSQL 14 and older let PUBLIC create objects in the schema public (15 and later no longer do).
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    -- Large objects are writes any role may make; their functions belong to the bootstrap superuser, so only a
    -- superuser can take them away (the embedded server migrates as one; other servers are told).
    IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
        REVOKE EXECUTE ON FUNCTION
            pg_catalog.lo_create(oid), pg_catalog.lo_creat(integer), pg_catalog.lo_from_bytea(oid, bytea),
            pg_catalog.lo_import(text), pg_catalog.lo_import(text, oid), pg_catalog.lowrite(integer, bytea),
            pg_catalog.lo_put(oid, bigint, bytea)
        FROM PUBLIC;
    ELSE
        RAISE NOTICE 'hiraku_api can still create large objects: revoke EXECUTE on lo_create, lo_creat, '
            'lo_from_bytea, lo_import, lowrite and lo_put from PUBLIC as a superuser';
    END IF;
END
$$;
