-- For each (metric $1[i], level $2[i]): the latest date on which the metric has a value (totals only) for some
-- area of the level, NULL when it has none. One row per key, in key order (`key` counts from 1). The newest
-- first, so that the (metric_id, date) index is read backwards and stops at the first area of the level.
SELECT k.key,
       (SELECT o.date
        FROM observation AS o
        JOIN area AS a ON a.code = o.area_code
        WHERE o.metric_id = k.metric_id AND a.level = k.level AND o.dimensions = '{}'
        ORDER BY o.date DESC
        LIMIT 1) AS date
FROM unnest($1::integer[], $2::text[]) WITH ORDINALITY AS k(metric_id, level, key)
ORDER BY k.key
