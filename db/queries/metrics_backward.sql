SELECT m.id, m.slug, m.name, m.unit, m.unit_label, m.kind, m.initiative_id, m.description
FROM metric AS m
LEFT JOIN initiative AS i ON i.id = m.initiative_id
WHERE ($1::integer IS NULL OR m.id < $1::integer)
  AND ($2::text IS NULL OR i.slug = $2::text)
  AND ($3::text IS NULL OR m.unit = $3::text)
  AND ($4::text IS NULL OR m.kind = $4::text)
ORDER BY m.id DESC
LIMIT $5::integer
