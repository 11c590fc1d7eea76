-- Catalogue entries by (catalogue slug, position), the key of their global IDs.
SELECT e.id, e.catalog_id, c.slug AS catalog_slug, e.position, e.name, e.description, e.provider, e.url, e.status, e.period_text, e.period_start, e.period_end, e.category_ids, e.facet_value_ids, e.target_users, e.attributes, e.citation_id
FROM catalog_entry AS e
JOIN catalog AS c ON c.id = e.catalog_id
JOIN unnest($1::text[], $2::integer[]) AS k (slug, position) ON k.slug = c.slug AND k.position = e.position
