-- For each area $1: up to $5 observations (totals) of metric $2 in date order (forward) from the cursor
-- (date $3, id $4), between $6 and $7. One statement for all the areas of a page.
SELECT p.*
FROM unnest($1::text[]) AS k (code)
CROSS JOIN LATERAL (
    SELECT o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate, o.at_least,
           o.area_code, o.dimensions, o.citation_id
    FROM observation AS o
    WHERE o.metric_id = $2::integer
      AND o.area_code = k.code
      AND o.dimensions = '{}'
      AND ($3::date IS NULL OR (o.date, o.id) > ($3::date, $4::integer))
      AND ($6::date IS NULL OR o.date >= $6::date)
      AND ($7::date IS NULL OR o.date <= $7::date)
    ORDER BY o.date, o.id
    LIMIT $5::integer
) AS p
