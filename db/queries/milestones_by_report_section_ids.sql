SELECT ms.id, ms.initiative_id, ms.report_section_id, s.slug AS parent_slug, ms.position, ms.text, ms.status,
       ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year, ms.periods, ms.citation_id
FROM milestone AS ms
JOIN report_section AS s ON s.id = ms.report_section_id
WHERE ms.report_section_id = ANY($1::integer[])
ORDER BY ms.report_section_id, ms.position
