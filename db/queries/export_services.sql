-- Every catalogue entry for the export, in catalogue order, with its categories and facets by name; only those
-- used by area code $1 when given (a prefecture's code: by any of its municipalities). The attribution is
-- Source.attribution's, built the same way.
SELECT c.slug AS catalog_slug, c.name AS catalog_name, e.position, e.name, e.description, e.provider, e.url,
       e.status, e.period_text, e.period_start, e.period_end,
       ARRAY(SELECT k.name FROM catalog_category AS k WHERE k.id = ANY(e.category_ids) ORDER BY k.position)
           AS categories,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('facet', v.facet_name, 'value', v.value)
                                  ORDER BY v.facet_position, v.position), '[]'::jsonb)
        FROM catalog_facet_value AS v WHERE v.id = ANY(e.facet_value_ids)) AS facets,
       e.target_users, e.attributes, t.section AS source_section, t.page AS source_page, t.url AS source_url,
       '出典：' || t.figure_owner
           || CASE WHEN t.citation_kind = 'quoted' THEN '（' || t.document || 'による引用）'
                   ELSE '「' || t.document || '」' END
           || coalesce(' ' || nullif(concat_ws(' ', nullif(t.section, ''), 'p.' || nullif(t.page, 0)), ''), '')
           || CASE WHEN t.document = d.title THEN '（hiraku が構造化データに加工）' ELSE '' END AS attribution
FROM catalog_entry AS e
JOIN catalog AS c ON c.id = e.catalog_id
JOIN citation AS t ON t.id = e.citation_id
CROSS JOIN dataset AS d
WHERE $1::text IS NULL OR EXISTS (
    SELECT FROM catalog_entry_municipality AS u
    JOIN area AS a ON a.code = u.area_code
    WHERE u.entry_id = e.id AND (u.area_code = $1::text OR a.prefecture_code = $1::text))
ORDER BY e.id
