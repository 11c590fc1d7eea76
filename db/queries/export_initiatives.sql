-- Every initiative page for the export, in report order, with its focus area and the line to cite it by.
SELECT i.slug, i.position, i.title, f.slug AS focus_area_slug, f.name AS focus_area_name, i.headline, i.lead,
       i.achievements_title, i.achievements, i.background, i.section AS source_section, i.page AS source_page,
       d.url AS source_url, d.attribution || ' ' || i.section || ' p.' || i.page AS attribution
FROM initiative AS i
LEFT JOIN focus_area AS f ON f.id = i.focus_area_id
CROSS JOIN dataset AS d
ORDER BY i.position
