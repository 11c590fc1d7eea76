-- The outlines of every area of level $1 (e.g. prefecture borders drawn over a municipal map).
SELECT s.code, s.path
FROM area_shape AS s
WHERE s.level = $1::text
ORDER BY s.code
LIMIT 2000
