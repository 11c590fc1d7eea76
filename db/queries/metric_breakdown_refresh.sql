-- After observations were loaded or imported: the breakdowns `Metric.dimensions` lists (db/migrations/011).
SELECT refresh_metric_breakdown()
