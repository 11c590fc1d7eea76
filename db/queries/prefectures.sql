SELECT a.code, a.level, a.kind, a.name, a.name_kana, a.name_en, a.prefecture_code, a.county, a.population,
       a.population_date, a.latitude, a.longitude, a.website, a.position
FROM area AS a
WHERE a.level = 'prefecture'
ORDER BY a.position
LIMIT 100
