-- For each metric $1: up to $5 observations in reverse date order before the cursor (date $2, id $3).
SELECT p.*
FROM unnest($1::integer[]) AS k (id)
CROSS JOIN LATERAL (
    SELECT o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate, o.at_least,
           o.area_code, o.dimensions, o.citation_id
    FROM observation AS o
    WHERE o.metric_id = k.id
      AND o.area_code IS NOT DISTINCT FROM $4::text
      AND o.dimensions = $8::jsonb
      AND ($2::date IS NULL OR (o.date, o.id) < ($2::date, $3::integer))
      AND ($6::date IS NULL OR o.date >= $6::date)
      AND ($7::date IS NULL OR o.date <= $7::date)
    ORDER BY o.date DESC, o.id DESC
    LIMIT $5::integer
) AS p
