-- A page of catalogue entries ($1 after rank, $2 before rank, $3 limit, $4 backward), in catalogue order
-- ($5 is position, $6 descending), filtered by catalogue slug $7 and category slug $8.
SELECT ranked.*
FROM (
    SELECT e.id, e.catalog_id, c.slug AS catalog_slug, e.position, e.name, e.description, e.provider, e.url,
           e.status, e.period_text, e.period_start, e.period_end, e.category_ids, e.citation_id,
           row_number() OVER (ORDER BY
               CASE WHEN $6::boolean THEN e.id END DESC,
               e.id ASC) AS rank,
           count(*) OVER () AS total
    FROM catalog_entry AS e
    JOIN catalog AS c ON c.id = e.catalog_id
    WHERE $5::text = 'position'
      AND ($7::text IS NULL OR c.slug = $7::text)
      AND ($8::text IS NULL OR EXISTS (
            SELECT FROM catalog_category AS k
            WHERE k.catalog_id = e.catalog_id AND k.slug = $8::text AND k.id = ANY(e.category_ids)))
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
