SELECT o.metric_id, count(*) AS count
FROM observation AS o
WHERE o.metric_id = ANY($1::integer[])
  AND o.area_code IS NOT DISTINCT FROM $2::text
  AND o.dimensions = $5::jsonb
  AND ($3::date IS NULL OR o.date >= $3::date)
  AND ($4::date IS NULL OR o.date <= $4::date)
GROUP BY o.metric_id
