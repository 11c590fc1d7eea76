-- A page of catalogue entries ($1 after rank, $2 before rank, $3 limit, $4 backward), in catalogue order
-- ($5 is position, $6 descending), filtered by: catalogue slug $7; category $8 (slug or name; its sub-categories
-- included); facet values $9 (pairs "facet name\tvalue", all required); municipality code $10; and $11, a LIKE
-- pattern in search form over the name, provider and description.
SELECT ranked.*
FROM (
    SELECT e.id, e.catalog_id, c.slug AS catalog_slug, e.position, e.name, e.description, e.provider, e.url,
           e.status, e.period_text, e.period_start, e.period_end, e.category_ids, e.facet_value_ids, e.target_users, e.attributes, e.citation_id,
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
            LEFT JOIN catalog_category AS parent ON parent.id = k.parent_id
            WHERE k.id = ANY(e.category_ids)
              AND ($8::text IN (k.slug, k.name) OR $8::text IN (parent.slug, parent.name))))
      AND (cardinality($9::text[]) = 0 OR (
            SELECT count(DISTINCT v.facet_name || E'\t' || v.value)
            FROM catalog_facet_value AS v
            WHERE v.id = ANY(e.facet_value_ids) AND v.facet_name || E'\t' || v.value = ANY($9::text[])
          ) = cardinality($9::text[]))
      AND ($10::text IS NULL OR EXISTS (
            SELECT FROM catalog_entry_municipality AS u WHERE u.entry_id = e.id AND u.area_code = $10::text))
      AND ($11::text IS NULL OR e.search_text LIKE $11::text)
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
