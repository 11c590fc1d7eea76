-- For each ranking i (`key` counts from 1): the areas of level $2[i] (optionally of prefecture $3[i]) ranked by
-- their value of metric $1[i] on date $4[i], highest first unless $5[i] (ascending), the first $6[i] of them.
-- Ties share a rank (1, 2, 2, 4). Totals only: no breakdown by dimensions. Each ranking is ranked on its own
-- (LATERAL), so that a page of metrics, or one metric under many aliases, takes this one statement.
SELECT k.key, ranked.*
FROM unnest($1::integer[], $2::text[], $3::text[], $4::date[], $5::boolean[], $6::integer[])
     WITH ORDINALITY AS k(metric_id, level, prefecture_code, date, ascending, size, key)
CROSS JOIN LATERAL (
    SELECT ranked.*
    FROM (
        SELECT o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate,
               o.at_least, o.area_code, o.dimensions, o.citation_id,
               CASE WHEN k.ascending THEN rank() OVER (ORDER BY o.value ASC)
                    ELSE rank() OVER (ORDER BY o.value DESC) END AS place,
               count(*) OVER (PARTITION BY o.value) > 1 AS tied
        FROM observation AS o
        JOIN area AS a ON a.code = o.area_code
        WHERE o.metric_id = k.metric_id
          AND a.level = k.level
          AND (k.prefecture_code IS NULL OR a.prefecture_code = k.prefecture_code)
          AND o.date = k.date
          AND o.dimensions = '{}'
    ) AS ranked
    ORDER BY ranked.place, ranked.area_code
    LIMIT k.size
) AS ranked
ORDER BY k.key, ranked.place, ranked.area_code
