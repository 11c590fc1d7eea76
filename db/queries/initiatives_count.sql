SELECT count(*)
FROM initiative AS i
LEFT JOIN focus_area AS f ON f.id = i.focus_area_id
WHERE ($1::text IS NULL OR f.slug = $1::text)
