-- A page of catalogue entries after the id $1, filtered by catalogue slug and category slug.
SELECT e.id, e.catalog_id, c.slug AS catalog_slug, e.position, e.name, e.description, e.provider, e.url, e.status, e.period_text, e.period_start, e.period_end, e.category_ids, e.citation_id
FROM catalog_entry AS e
JOIN catalog AS c ON c.id = e.catalog_id
WHERE ($1::integer IS NULL OR e.id > $1::integer)
  AND ($2::text IS NULL OR c.slug = $2::text)
  AND ($3::text IS NULL OR EXISTS (
        SELECT FROM catalog_category AS k
        WHERE k.catalog_id = e.catalog_id AND k.slug = $3::text AND k.id = ANY(e.category_ids)))
ORDER BY e.id ASC
LIMIT $4::integer
