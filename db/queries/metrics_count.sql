SELECT count(*)
FROM metric AS m
LEFT JOIN initiative AS i ON i.id = m.initiative_id
WHERE ($1::text IS NULL OR i.slug = $1::text)
  AND ($2::text IS NULL OR m.unit = $2::text)
  AND ($3::text IS NULL OR m.kind = $3::text)
