-- For each municipality $1: a page of the catalogue entries it uses ($2 after rank, $3 before rank,
-- $4 limit, $5 backward), in catalogue order, with each row's rank and the municipality's total.
SELECT k.code AS parent_id, p.*
FROM unnest($1::text[]) AS k (code)
CROSS JOIN LATERAL (
    SELECT ranked.*
    FROM (
        SELECT e.id, e.catalog_id, c.slug AS catalog_slug, e.position, e.name, e.description, e.provider,
               e.url, e.status, e.period_text, e.period_start, e.period_end, e.category_ids, e.facet_value_ids,
               e.target_users, e.attributes, e.citation_id,
               row_number() OVER (ORDER BY e.id) AS rank,
               count(*) OVER () AS total
        FROM catalog_entry_municipality AS u
        JOIN catalog_entry AS e ON e.id = u.entry_id
        JOIN catalog AS c ON c.id = e.catalog_id
        WHERE u.area_code = k.code
    ) AS ranked
    WHERE ($2::bigint IS NULL OR ranked.rank > $2::bigint)
      AND ($3::bigint IS NULL OR ranked.rank < $3::bigint)
    ORDER BY CASE WHEN $5::boolean THEN -ranked.rank ELSE ranked.rank END
    LIMIT $4::integer
) AS p
