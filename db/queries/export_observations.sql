-- Every observation for the export, filtered by metric slug $1 and area code $2 (a prefecture's code: the
-- prefecture and its municipalities), in the order of the (metric, area, date) index, the nation after the areas.
-- Each row carries what citing it needs; the attribution is Source.attribution's, built the same way.
SELECT m.slug AS metric_slug, m.name AS metric_name, o.area_code,
       coalesce(a.level, 'nation') AS area_level, coalesce(a.name, '全国') AS area_name,
       o.date, o.period_start, o.date_basis, o.value, m.unit, m.unit_label, o.stated, o.approximate, o.at_least,
       o.dimensions, c.section AS source_section, c.page AS source_page, c.quote AS source_quote,
       c.url AS source_url, c.as_of AS source_as_of, c.licence AS source_licence,
       '出典：' || c.figure_owner
           || CASE WHEN c.citation_kind = 'quoted' THEN '（' || c.document || 'による引用）'
                   ELSE '「' || c.document || '」' END
           || coalesce(' ' || nullif(concat_ws(' ', nullif(c.section, ''), 'p.' || nullif(c.page, 0)), ''), '')
           || CASE WHEN c.document = d.title THEN '（hiraku が構造化データに加工）' ELSE '' END AS attribution
FROM observation AS o
JOIN metric AS m ON m.id = o.metric_id
JOIN citation AS c ON c.id = o.citation_id
LEFT JOIN area AS a ON a.code = o.area_code
CROSS JOIN dataset AS d
WHERE ($1::text IS NULL OR m.slug = $1::text)
  AND ($2::text IS NULL OR o.area_code = $2::text OR a.prefecture_code = $2::text)
ORDER BY o.metric_id, o.area_code, o.date, o.id
