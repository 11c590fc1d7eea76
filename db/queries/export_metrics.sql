-- Every metric for the export (only the one with slug $1 when given), in report order, with its initiative.
SELECT m.slug, m.name, m.unit, m.unit_label, m.kind, m.description, m.note, i.slug AS initiative_slug,
       i.title AS initiative_title
FROM metric AS m
LEFT JOIN initiative AS i ON i.id = m.initiative_id
WHERE $1::text IS NULL OR m.slug = $1::text
ORDER BY m.id
