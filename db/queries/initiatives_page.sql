-- A page of initiatives ($1 after rank, $2 before rank, $3 limit, $4 backward), sorted by $5 (position or
-- title, $6 descending) and filtered by focus area slug $7; each row with its rank and the filtered total.
SELECT ranked.*
FROM (
    SELECT i.id, i.slug, i.position, i.title, i.focus_area_id, i.headline, i.lead, i.achievements_title,
           i.achievements, i.background, i.outlook, i.page, i.section,
           row_number() OVER (ORDER BY
               CASE WHEN $5::text = 'title' AND NOT $6::boolean THEN i.title END ASC,
               CASE WHEN $5::text = 'title' AND $6::boolean THEN i.title END DESC,
               CASE WHEN $5::text = 'position' AND $6::boolean THEN i.position END DESC,
               i.position ASC) AS rank,
           count(*) OVER () AS total
    FROM initiative AS i
    LEFT JOIN focus_area AS f ON f.id = i.focus_area_id
    WHERE ($7::text IS NULL OR f.slug = $7::text)
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
