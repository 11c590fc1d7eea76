-- Milestones by (initiative or report section slug, position), the key of their global IDs.
SELECT ms.id, ms.initiative_id, ms.report_section_id, coalesce(i.slug, s.slug) AS parent_slug, ms.position, ms.text,
       ms.status, ms.period_text, ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year, ms.periods,
       ms.citation_id
FROM milestone AS ms
LEFT JOIN initiative AS i ON i.id = ms.initiative_id
LEFT JOIN report_section AS s ON s.id = ms.report_section_id
JOIN unnest($1::text[], $2::integer[]) AS k (slug, position)
    ON k.slug = coalesce(i.slug, s.slug) AND k.position = ms.position
