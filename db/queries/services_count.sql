SELECT count(*)
FROM catalog_entry AS e
JOIN catalog AS c ON c.id = e.catalog_id
WHERE ($1::text IS NULL OR c.slug = $1::text)
  AND ($2::text IS NULL OR EXISTS (
        SELECT FROM catalog_category AS k
        LEFT JOIN catalog_category AS parent ON parent.id = k.parent_id
        WHERE k.id = ANY(e.category_ids)
          AND ($2::text IN (k.slug, k.name) OR $2::text IN (parent.slug, parent.name))))
  AND (cardinality($3::text[]) = 0 OR (
        SELECT count(DISTINCT v.facet_name || E'\t' || v.value)
        FROM catalog_facet_value AS v
        WHERE v.id = ANY(e.facet_value_ids) AND v.facet_name || E'\t' || v.value = ANY($3::text[])
      ) = cardinality($3::text[]))
  AND ($4::text IS NULL OR EXISTS (
        SELECT FROM catalog_entry_municipality AS u WHERE u.entry_id = e.id AND u.area_code = $4::text))
  AND ($5::text IS NULL OR e.search_text LIKE $5::text)
