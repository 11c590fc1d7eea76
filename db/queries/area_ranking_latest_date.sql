-- The latest date on which metric $1 has a value for some area of level $2.
SELECT max(o.date)
FROM observation AS o
JOIN area AS a ON a.code = o.area_code
WHERE o.metric_id = $1::integer AND a.level = $2::text AND o.dimensions = '{}'
