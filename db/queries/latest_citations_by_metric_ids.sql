-- The citation of each metric's most recent observation of any area or breakdown.
SELECT DISTINCT ON (o.metric_id) o.metric_id, o.citation_id
FROM observation AS o
WHERE o.metric_id = ANY($1::integer[])
ORDER BY o.metric_id, o.date DESC, o.id DESC
