-- For each ranking i (`key` counts from 1): a page of the areas of level $2[i] (optionally of prefecture $3[i])
-- ranked by their value of metric $1[i] on date $4[i], highest first unless $5[i] (ascending). Ties share a
-- `place` (1, 2, 2, 4); `rank` is the area's position in the list, which breaks ties by code, so that the order
-- is total and a page after position $7[i] (or before $8[i], nearest first when $9[i], backward) of at most
-- $6[i] rows never skips or repeats an area. `total` is how many areas are ranked. Totals only: no breakdown by
-- dimensions. Each ranking is ranked on its own (LATERAL), so that a page of metrics, or one metric under many
-- aliases, takes this one statement.
SELECT k.key, ranked.*
FROM unnest($1::integer[], $2::text[], $3::text[], $4::date[], $5::boolean[], $6::integer[], $7::bigint[],
            $8::bigint[], $9::boolean[])
     WITH ORDINALITY AS k(metric_id, level, prefecture_code, date, ascending, size, after, before, backward, key)
CROSS JOIN LATERAL (
    SELECT ranked.*
    FROM (
        SELECT o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate,
               o.at_least, o.area_code, o.dimensions, o.citation_id,
               CASE WHEN k.ascending THEN rank() OVER (ORDER BY o.value ASC)
                    ELSE rank() OVER (ORDER BY o.value DESC) END AS place,
               CASE WHEN k.ascending THEN row_number() OVER (ORDER BY o.value ASC, o.area_code ASC)
                    ELSE row_number() OVER (ORDER BY o.value DESC, o.area_code ASC) END AS rank,
               count(*) OVER (PARTITION BY o.value) > 1 AS tied,
               count(*) OVER () AS total
        FROM observation AS o
        JOIN area AS a ON a.code = o.area_code
        WHERE o.metric_id = k.metric_id
          AND a.level = k.level
          AND (k.prefecture_code IS NULL OR a.prefecture_code = k.prefecture_code)
          AND o.date = k.date
          AND o.dimensions = '{}'
    ) AS ranked
    WHERE (k.after IS NULL OR ranked.rank > k.after)
      AND (k.before IS NULL OR ranked.rank < k.before)
    ORDER BY CASE WHEN k.backward THEN -ranked.rank ELSE ranked.rank END
    LIMIT k.size
) AS ranked
ORDER BY k.key, ranked.rank
