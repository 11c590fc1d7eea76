-- The areas with these codes, and the prefecture of each: a municipality's prefecture is asked for next in most
-- queries, and comes with it instead of in a statement of its own (loaders prime it).
SELECT a.code, a.level, a.kind, a.name, a.name_kana, a.name_en, a.prefecture_code, a.county, a.population,
       a.population_date, a.latitude, a.longitude, a.website, a.position
FROM area AS a
WHERE a.code = ANY($1::text[])
   OR a.code IN (SELECT m.prefecture_code FROM area AS m WHERE m.code = ANY($1::text[]))
