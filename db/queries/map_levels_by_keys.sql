-- map_levels.sql for many (metric $1[i], date $2[i]) at once, for `mapUrl` on a page of metrics. Metrics without
-- any area value (most of them) are set aside by one index probe before the per-area probes.
SELECT k.metric_id, k.date, a.level, max(latest.date) AS latest, coalesce(bool_or(latest.on_date), false) AS has_date
FROM unnest($1::integer[], $2::date[]) AS k(metric_id, date)
CROSS JOIN area AS a
CROSS JOIN LATERAL (
    SELECT o.date,
           EXISTS (
               SELECT FROM observation AS d
               WHERE d.metric_id = k.metric_id AND d.area_code = a.code AND d.date = k.date AND d.dimensions = '{}'
           ) AS on_date
    FROM observation AS o
    WHERE o.metric_id = k.metric_id AND o.area_code = a.code AND o.dimensions = '{}'
    ORDER BY o.date DESC
    LIMIT 1
) AS latest
WHERE EXISTS (SELECT FROM observation AS x WHERE x.metric_id = k.metric_id AND x.area_code IS NOT NULL)
GROUP BY k.metric_id, k.date, a.level
