SELECT ms.id, ms.initiative_id, i.slug AS initiative_slug, ms.position, ms.text, ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year
FROM milestone AS ms
JOIN initiative AS i ON i.id = ms.initiative_id
WHERE ms.initiative_id = ANY($1::integer[])
ORDER BY ms.initiative_id, ms.position
