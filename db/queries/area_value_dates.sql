-- The dates on which metric $1 has a value (totals only) for some area of level $2, optionally of prefecture $3,
-- oldest first. Asked only when a client names a date without values, to tell it which dates have some.
SELECT DISTINCT o.date
FROM observation AS o
JOIN area AS a ON a.code = o.area_code
WHERE o.metric_id = $1::integer
  AND a.level = $2::text
  AND ($3::text IS NULL OR a.prefecture_code = $3::text)
  AND o.dimensions = '{}'
ORDER BY o.date
LIMIT 10000
