-- For each catalogue entry $1: a page of the municipalities that use it, by code ($2 after rank, $3 before
-- rank, $4 limit, $5 backward), with each row's rank and the entry's total.
SELECT k.id AS parent_id, p.*
FROM unnest($1::integer[]) AS k (id)
CROSS JOIN LATERAL (
    SELECT ranked.*
    FROM (
        SELECT a.code, a.level, a.kind, a.name, a.name_kana, a.name_en, a.prefecture_code, a.county, a.population,
               a.population_date, a.latitude, a.longitude, a.website, a.position,
               row_number() OVER (ORDER BY a.code) AS rank,
               count(*) OVER () AS total
        FROM catalog_entry_municipality AS u
        JOIN area AS a ON a.code = u.area_code
        WHERE u.entry_id = k.id
    ) AS ranked
    WHERE ($2::bigint IS NULL OR ranked.rank > $2::bigint)
      AND ($3::bigint IS NULL OR ranked.rank < $3::bigint)
    ORDER BY CASE WHEN $5::boolean THEN -ranked.rank ELSE ranked.rank END
    LIMIT $4::integer
) AS p
