-- A page of milestones in report order after the id $1, filtered by initiative, fiscal year, due date
-- and whether the wording states a period.
SELECT ms.id, ms.initiative_id, i.slug AS initiative_slug, ms.position, ms.text, ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year
FROM milestone AS ms
JOIN initiative AS i ON i.id = ms.initiative_id
WHERE ($1::integer IS NULL OR ms.id > $1::integer)
  AND ($2::text IS NULL OR i.slug = $2::text)
  AND ($3::integer IS NULL OR ms.fiscal_year = $3::integer)
  AND ($4::date IS NULL OR ms.period_end <= $4::date)
  AND ($5::date IS NULL OR ms.period_end >= $5::date)
  AND ($6::boolean IS NULL OR (ms.period_start IS NOT NULL OR ms.period_end IS NOT NULL) = $6::boolean)
ORDER BY ms.id ASC
LIMIT $7::integer
