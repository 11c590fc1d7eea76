"""Database layer: the PostgreSQL server, migrations, connection pools and the named SQL queries."""
