-- A page of initiatives in report order, after the position $1 (or from the start when NULL).
SELECT i.id, i.slug, i.position, i.title, i.focus_area_id, i.headline, i.lead, i.achievements_title,
       i.achievements, i.background, i.outlook, i.page, i.section
FROM initiative AS i
LEFT JOIN focus_area AS f ON f.id = i.focus_area_id
WHERE ($1::integer IS NULL OR i.position > $1::integer)
  AND ($2::text IS NULL OR f.slug = $2::text)
ORDER BY i.position ASC
LIMIT $3::integer
