SELECT ms.id, ms.initiative_id, ms.report_section_id, i.slug AS parent_slug, ms.position, ms.text, ms.status,
       ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year, ms.periods, ms.citation_id
FROM milestone AS ms
JOIN initiative AS i ON i.id = ms.initiative_id
WHERE ms.initiative_id = ANY($1::integer[])
ORDER BY ms.initiative_id, ms.position
