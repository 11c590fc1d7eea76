-- The totals of metric $1 for the areas with codes $2 and, when $3, for the nation (area_code NULL), by area and
-- date: the series of a line chart.
SELECT o.area_code, o.date, o.value, o.citation_id
FROM observation AS o
WHERE o.metric_id = $1::integer
  AND o.dimensions = '{}'
  AND (o.area_code = ANY($2::text[]) OR ($3::boolean AND o.area_code IS NULL))
ORDER BY o.area_code NULLS FIRST, o.date
