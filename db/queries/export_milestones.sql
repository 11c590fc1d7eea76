-- Every milestone for the export, in report order, with the period read from its wording, every period it states,
-- and the sentence that states it (an initiative's 今後の展開, or the passage of a report section).
SELECT i.slug AS initiative_slug, i.title AS initiative_title, s.slug AS report_section_slug, ms.position, ms.text,
       ms.status, ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year, ms.periods,
       c.section AS source_section, c.page AS source_page, c.quote AS source_quote, d.url AS source_url,
       d.attribution || ' ' || c.section || ' p.' || c.page AS attribution
FROM milestone AS ms
LEFT JOIN initiative AS i ON i.id = ms.initiative_id
LEFT JOIN report_section AS s ON s.id = ms.report_section_id
JOIN citation AS c ON c.id = ms.citation_id
CROSS JOIN dataset AS d
ORDER BY ms.id
