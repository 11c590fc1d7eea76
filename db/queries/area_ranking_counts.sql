-- How many areas of level $2 (optionally of prefecture $3) there are, and how many have a value of metric $1
-- on date $4.
SELECT count(*) AS areas,
       count(*) FILTER (WHERE EXISTS (
           SELECT FROM observation AS o
           WHERE o.metric_id = $1::integer AND o.area_code = a.code AND o.date = $4::date AND o.dimensions = '{}'
       )) AS with_value
FROM area AS a
WHERE a.level = $2::text
  AND ($3::text IS NULL OR a.prefecture_code = $3::text)
