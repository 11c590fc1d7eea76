SELECT id, catalog_id, facet_slug, facet_name, facet_position, value, position
FROM catalog_facet_value
WHERE catalog_id = ANY($1::integer[])
ORDER BY catalog_id, facet_position, facet_slug, position
