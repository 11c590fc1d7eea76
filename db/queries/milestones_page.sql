-- A page of milestones ($1 after rank, $2 before rank, $3 limit, $4 backward), sorted by $5 (position or
-- due, the end of the period, undated last; $6 descending), filtered by initiative slug $7, fiscal year $8 (one of
-- the periods of the wording ends in it), due on or before $9, due on or after $10, and whether the wording states
-- a period $11.
SELECT ranked.*
FROM (
    SELECT ms.id, ms.initiative_id, ms.report_section_id, coalesce(i.slug, s.slug) AS parent_slug, ms.position,
           ms.text, ms.status, ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year,
           ms.periods, ms.citation_id,
           row_number() OVER (ORDER BY
               CASE WHEN $5::text = 'due' AND NOT $6::boolean THEN ms.period_end END ASC NULLS LAST,
               CASE WHEN $5::text = 'due' AND $6::boolean THEN ms.period_end END DESC NULLS LAST,
               CASE WHEN $5::text = 'position' AND $6::boolean THEN ms.id END DESC,
               ms.id ASC) AS rank,
           count(*) OVER () AS total
    FROM milestone AS ms
    LEFT JOIN initiative AS i ON i.id = ms.initiative_id
    LEFT JOIN report_section AS s ON s.id = ms.report_section_id
    WHERE ($7::text IS NULL OR i.slug = $7::text)
      AND ($8::integer IS NULL OR $8::integer = ANY(ms.fiscal_years))
      AND ($9::date IS NULL OR ms.period_end <= $9::date)
      AND ($10::date IS NULL OR ms.period_end >= $10::date)
      AND ($11::boolean IS NULL OR (ms.period_start IS NOT NULL OR ms.period_end IS NOT NULL) = $11::boolean)
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
