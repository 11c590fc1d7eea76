-- A page of municipalities ($1 after rank, $2 before rank, $3 limit, $4 backward), sorted by $5 (code,
-- name_kana or population; $6 descending), filtered by prefecture code $7, kind $8, and $9: a LIKE pattern
-- over the name and its kana in search form (NFKC, lower case, hiragana).
SELECT ranked.*
FROM (
    SELECT a.code, a.level, a.kind, a.name, a.name_kana, a.name_en, a.prefecture_code, a.county, a.population,
       a.population_date, a.latitude, a.longitude, a.website, a.position,
           row_number() OVER (ORDER BY
               CASE WHEN $5::text = 'name_kana' AND NOT $6::boolean THEN a.name_kana END ASC,
               CASE WHEN $5::text = 'name_kana' AND $6::boolean THEN a.name_kana END DESC,
               CASE WHEN $5::text = 'population' AND NOT $6::boolean THEN a.population END ASC NULLS LAST,
               CASE WHEN $5::text = 'population' AND $6::boolean THEN a.population END DESC NULLS LAST,
               CASE WHEN $5::text = 'code' AND $6::boolean THEN a.code END DESC,
               a.code ASC) AS rank,
           count(*) OVER () AS total
    FROM area AS a
    WHERE a.level = 'municipality'
      AND ($7::text IS NULL OR a.prefecture_code = $7::text)
      AND ($8::text IS NULL OR a.kind = $8::text)
      AND ($9::text IS NULL OR a.search_name LIKE $9::text OR a.search_kana LIKE $9::text)
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
