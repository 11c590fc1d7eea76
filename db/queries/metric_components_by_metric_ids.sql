SELECT c.metric_id AS total_id, m.id, m.slug, m.name, m.unit, m.unit_label, m.kind, m.initiative_id, m.description, m.note
FROM metric_component AS c
JOIN metric AS m ON m.id = c.component_id
WHERE c.metric_id = ANY($1::integer[])
ORDER BY c.metric_id, c.position
