SELECT id, catalog_id, facet_slug, facet_name, facet_position, value, position
FROM catalog_facet_value
WHERE id = ANY($1::integer[])
