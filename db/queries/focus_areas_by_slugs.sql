SELECT id, slug, position, name, page, section
FROM focus_area
WHERE slug = ANY($1::text[])
