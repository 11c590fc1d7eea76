-- The dataset after an import: the version over its inputs, which now include the imported file.
UPDATE dataset SET version = $1::text, loaded_at = now(), inputs = $2::jsonb
