SELECT count(*)
FROM catalog_entry AS e
JOIN catalog AS c ON c.id = e.catalog_id
WHERE ($1::text IS NULL OR c.slug = $1::text)
  AND ($2::text IS NULL OR EXISTS (
        SELECT FROM catalog_category AS k
        WHERE k.catalog_id = e.catalog_id AND k.slug = $2::text AND k.id = ANY(e.category_ids)))
