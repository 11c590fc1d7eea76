-- The two roles of hiraku: the loader writes the data, the API only reads it.
-- Roles belong to the whole PostgreSQL cluster, so create them only when missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'hiraku_loader') THEN
        CREATE ROLE hiraku_loader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'hiraku_api') THEN
        CREATE ROLE hiraku_api LOGIN;
    END IF;
    -- The migrating user runs loads as hiraku_loader (SET LOCAL ROLE), so it must be a member.
    IF NOT pg_has_role(current_user, 'hiraku_loader', 'MEMBER') THEN
        EXECUTE format('GRANT hiraku_loader TO %I', current_user);
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO hiraku_api, hiraku_loader', current_database());
END
$$;

-- Even a statement that slips past the API's checks cannot write.
ALTER ROLE hiraku_api SET default_transaction_read_only = on;

GRANT USAGE ON SCHEMA public TO hiraku_api, hiraku_loader;

-- Tables created by later migrations get their grants here, once.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO hiraku_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO hiraku_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hiraku_loader;
