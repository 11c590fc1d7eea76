SELECT id, metric_id, kind, value, stated, baseline, baseline_date, baseline_value, date, approximate, at_least,
       citation_id
FROM comparison
WHERE metric_id = ANY($1::integer[])
ORDER BY metric_id, id
