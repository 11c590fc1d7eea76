SELECT id, catalog_id, parent_id, slug, position, name
FROM catalog_category
WHERE catalog_id = ANY($1::integer[])
ORDER BY catalog_id, parent_id NULLS FIRST, position
