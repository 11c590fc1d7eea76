-- Milestones by (initiative slug, position), the key of their global IDs.
SELECT ms.id, ms.initiative_id, i.slug AS initiative_slug, ms.position, ms.text, ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year
FROM milestone AS ms
JOIN initiative AS i ON i.id = ms.initiative_id
JOIN unnest($1::text[], $2::integer[]) AS k (slug, position) ON k.slug = i.slug AND k.position = ms.position
