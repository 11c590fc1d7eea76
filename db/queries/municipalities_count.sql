SELECT count(*)
FROM area AS a
WHERE a.level = 'municipality'
  AND ($1::text IS NULL OR a.prefecture_code = $1::text)
  AND ($2::text IS NULL OR a.kind = $2::text)
  AND ($3::text IS NULL OR a.search_name LIKE $3::text OR a.search_kana LIKE $3::text)
