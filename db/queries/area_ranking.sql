-- Areas of level $2 (optionally of prefecture $3) ranked by their value of metric $1 on date $4, highest
-- first unless $5 (ascending). Ties share a rank (1, 2, 2, 4). Totals only: no breakdown by dimensions.
SELECT ranked.*
FROM (
    SELECT o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate, o.at_least,
           o.area_code, o.dimensions, o.citation_id,
           CASE WHEN $5::boolean THEN rank() OVER (ORDER BY o.value ASC)
                ELSE rank() OVER (ORDER BY o.value DESC) END AS place,
           count(*) OVER (PARTITION BY o.value) > 1 AS tied
    FROM observation AS o
    JOIN area AS a ON a.code = o.area_code
    WHERE o.metric_id = $1::integer
      AND a.level = $2::text
      AND ($3::text IS NULL OR a.prefecture_code = $3::text)
      AND o.date = $4::date
      AND o.dimensions = '{}'
) AS ranked
ORDER BY ranked.place, ranked.area_code
LIMIT $6::integer
