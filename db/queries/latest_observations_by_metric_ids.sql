-- The most recent national observation of each metric.
SELECT DISTINCT ON (o.metric_id) o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate, o.at_least, o.area_code, o.dimensions, o.citation_id
FROM observation AS o
WHERE o.metric_id = ANY($1::integer[]) AND o.area_code IS NULL AND o.dimensions = '{}'
ORDER BY o.metric_id, o.date DESC, o.id DESC
