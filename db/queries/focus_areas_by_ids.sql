SELECT id, slug, position, name, page, section
FROM focus_area
WHERE id = ANY($1::integer[])
