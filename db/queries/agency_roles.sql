SELECT id, position, text, citation_id
FROM agency_role
ORDER BY position
LIMIT 100
