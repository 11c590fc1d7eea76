-- Documents containing $7 (a LIKE pattern) in title, reading or body, best first: the title or its reading
-- equal to $5 (tier 0), starting with it ($6, tier 1), containing it (tier 2), then the body (tier 3).
-- $1 after rank, $2 before rank, $3 limit, $4 backward.
SELECT ranked.*
FROM (
    SELECT matched.*,
           row_number() OVER (ORDER BY matched.tier, matched.kind_order, matched.id) AS rank,
           count(*) OVER () AS total
    FROM (
        SELECT d.id, d.kind, d.key, d.title, d.kind_order,
               CASE
                   WHEN d.title_norm = $5::text OR d.reading_norm = $5::text THEN 0
                   WHEN d.title_norm LIKE $6::text OR d.reading_norm LIKE $6::text THEN 1
                   WHEN d.title_norm LIKE $7::text OR d.reading_norm LIKE $7::text THEN 2
                   ELSE 3
               END AS tier
        FROM search_document AS d
        WHERE d.title_norm LIKE $7::text OR d.reading_norm LIKE $7::text OR d.body_norm LIKE $7::text
    ) AS matched
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
