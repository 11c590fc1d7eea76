SELECT id, slug, position, name, page, section
FROM focus_area
ORDER BY position
LIMIT 100
