-- For each level of areas with values of metric $1 (totals only): the latest date with a value, and whether
-- date $2 has any. One index probe per area rather than a scan of the metric's whole series.
SELECT a.level, max(latest.date) AS latest, coalesce(bool_or(latest.on_date), false) AS has_date
FROM area AS a
CROSS JOIN LATERAL (
    SELECT o.date,
           EXISTS (
               SELECT FROM observation AS d
               WHERE d.metric_id = $1::integer AND d.area_code = a.code AND d.date = $2::date AND d.dimensions = '{}'
           ) AS on_date
    FROM observation AS o
    WHERE o.metric_id = $1::integer AND o.area_code = a.code AND o.dimensions = '{}'
    ORDER BY o.date DESC
    LIMIT 1
) AS latest
GROUP BY a.level
