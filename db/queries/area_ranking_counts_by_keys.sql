-- For each ranking i (`key` counts from 1): how many areas of level $2[i] (optionally of prefecture $3[i]) there
-- are, and how many have a value of metric $1[i] on date $4[i]. One row per key, in key order.
SELECT k.key, counts.areas, counts.with_value
FROM unnest($1::integer[], $2::text[], $3::text[], $4::date[]) WITH ORDINALITY AS k(metric_id, level, prefecture_code, date, key)
CROSS JOIN LATERAL (
    SELECT count(*) AS areas,
           count(*) FILTER (WHERE EXISTS (
               SELECT FROM observation AS o
               WHERE o.metric_id = k.metric_id AND o.area_code = a.code AND o.date = k.date AND o.dimensions = '{}'
           )) AS with_value
    FROM area AS a
    WHERE a.level = k.level
      AND (k.prefecture_code IS NULL OR a.prefecture_code = k.prefecture_code)
) AS counts
ORDER BY k.key
