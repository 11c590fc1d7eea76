SELECT id, catalog_id, parent_id, slug, position, name
FROM catalog_category
WHERE id = ANY($1::integer[])
