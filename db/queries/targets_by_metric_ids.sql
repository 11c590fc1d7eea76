SELECT id, metric_id, value, stated, period_text, period_start, period_end, approximate, citation_id
FROM target
WHERE metric_id = ANY($1::integer[])
ORDER BY metric_id, period_end NULLS LAST, id
