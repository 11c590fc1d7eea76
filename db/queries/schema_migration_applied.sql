SELECT EXISTS (SELECT FROM schema_migration WHERE name = $1::text)
