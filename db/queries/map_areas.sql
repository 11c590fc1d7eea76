-- Every area of level $2 in directory order, with its prefecture's name, its outline (NULL: none) and its value
-- of metric $1 on date $3 (NULL: none; totals only).
SELECT a.code, a.name, p.name AS prefecture_name, s.path, s.x_min, s.y_min, s.x_max, s.y_max,
       o.value, o.stated, o.citation_id
FROM area AS a
LEFT JOIN area AS p ON p.code = a.prefecture_code
LEFT JOIN area_shape AS s ON s.code = a.code
LEFT JOIN observation AS o
    ON o.area_code = a.code AND o.metric_id = $1::integer AND o.date = $3::date AND o.dimensions = '{}'
WHERE a.level = $2::text
ORDER BY a.position
LIMIT 2000
