-- The breakdowns of each metric $1 with their counts, in each metric's stable order (totals first).
SELECT b.metric_id, b.dimensions, b.observations, b.nation_observations, b.dates, b.areas, b.first_date, b.last_date
FROM metric_breakdown AS b
WHERE b.metric_id = ANY($1::integer[])
ORDER BY b.metric_id, b.position
