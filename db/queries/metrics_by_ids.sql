SELECT m.id, m.slug, m.name, m.unit, m.unit_label, m.kind, m.initiative_id, m.description, m.note FROM metric AS m WHERE m.id = ANY($1::integer[])
