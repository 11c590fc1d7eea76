-- For each catalogue $1: a page of its entries in catalogue order ($2 after rank, $3 before rank, $4 limit,
-- $5 backward), with each row's rank and the catalogue's total.
SELECT k.id AS parent_id, p.*
FROM unnest($1::integer[]) AS k (id)
CROSS JOIN LATERAL (
    SELECT ranked.*
    FROM (
        SELECT e.id, e.catalog_id, c.slug AS catalog_slug, e.position, e.name, e.description, e.provider,
               e.url, e.status, e.period_text, e.period_start, e.period_end, e.category_ids, e.facet_value_ids, e.target_users, e.attributes, e.citation_id,
               row_number() OVER (ORDER BY e.position) AS rank,
               count(*) OVER () AS total
        FROM catalog_entry AS e
        JOIN catalog AS c ON c.id = e.catalog_id
        WHERE e.catalog_id = k.id
    ) AS ranked
    WHERE ($2::bigint IS NULL OR ranked.rank > $2::bigint)
      AND ($3::bigint IS NULL OR ranked.rank < $3::bigint)
    ORDER BY CASE WHEN $5::boolean THEN -ranked.rank ELSE ranked.rank END
    LIMIT $4::integer
) AS p
