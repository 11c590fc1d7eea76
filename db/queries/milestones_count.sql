SELECT count(*)
FROM milestone AS ms
LEFT JOIN initiative AS i ON i.id = ms.initiative_id
WHERE ($1::text IS NULL OR i.slug = $1::text)
  AND ($2::integer IS NULL OR $2::integer = ANY(ms.fiscal_years))
  AND ($3::date IS NULL OR ms.period_end <= $3::date)
  AND ($4::date IS NULL OR ms.period_end >= $4::date)
  AND ($5::boolean IS NULL OR (ms.period_start IS NOT NULL OR ms.period_end IS NOT NULL) = $5::boolean)
