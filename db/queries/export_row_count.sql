-- The rows of one export, counted: the export's own query (db/queries/export_<table>.sql, put in place of the
-- placeholder below, its filters all NULL), so that the count is the file's whatever the query joins.
SELECT count(*) FROM (
{export}
) AS export
