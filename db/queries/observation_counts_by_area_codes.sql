SELECT o.area_code, count(*) AS count
FROM observation AS o
WHERE o.area_code = ANY($1::text[])
  AND o.metric_id = $2::integer
  AND o.dimensions = '{}'
  AND ($3::date IS NULL OR o.date >= $3::date)
  AND ($4::date IS NULL OR o.date <= $4::date)
GROUP BY o.area_code
