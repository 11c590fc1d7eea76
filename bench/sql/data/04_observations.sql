-- 500 national observations per metric (200,000), one a week from 2000-01-02, so dates are distinct per metric.
INSERT INTO observation (id, metric_id, value, stated, date, date_basis, period_start, approximate, at_least,
                         area_code, dimensions, citation_id)
SELECT (m - 1) * 500 + k, m, round(((m * 7919 + k * 104729) % 1000000) / 10.0, 1), NULL, DATE '2000-01-02' + k * 7,
       'stated', NULL, false, false, NULL, '{}'::jsonb, 1
FROM generate_series(1, 400) AS m
CROSS JOIN generate_series(1, 500) AS k;
