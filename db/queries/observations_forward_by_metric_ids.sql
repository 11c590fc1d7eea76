-- For each metric: up to $5 observations in date order after the cursor (date $2, id $3),
-- between $6 and $7, in the area $4 (NULL: the nation).
SELECT o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate, o.at_least, o.area_code, o.dimensions, o.citation_id
FROM (
    SELECT o.*, row_number() OVER (PARTITION BY o.metric_id ORDER BY o.date, o.id) AS n
    FROM observation AS o
    WHERE o.metric_id = ANY($1::integer[])
      AND ($2::date IS NULL OR (o.date, o.id) > ($2::date, $3::integer))
      AND o.area_code IS NOT DISTINCT FROM $4::char(6)
      AND ($6::date IS NULL OR o.date >= $6::date)
      AND ($7::date IS NULL OR o.date <= $7::date)
) AS o
WHERE o.n <= $5::integer
ORDER BY o.metric_id, o.date, o.id
