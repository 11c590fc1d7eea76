SELECT id, slug, position, kind, title, subtitle, text, citation_id
FROM mission_statement
ORDER BY position
LIMIT 100
