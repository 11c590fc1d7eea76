-- Every item of 今後の展開 for the export, in report order, with the period read from its wording and the line to
-- cite it by (its initiative's page).
SELECT i.slug AS initiative_slug, i.title AS initiative_title, ms.position, ms.text, ms.period_text,
       ms.period_start, ms.period_end, ms.approximate, ms.fiscal_year,
       i.section || ' > 今後の展開（予定）' AS source_section, i.page AS source_page, d.url AS source_url,
       d.attribution || ' ' || i.section || ' > 今後の展開（予定） p.' || i.page AS attribution
FROM milestone AS ms
JOIN initiative AS i ON i.id = ms.initiative_id
CROSS JOIN dataset AS d
ORDER BY ms.id
