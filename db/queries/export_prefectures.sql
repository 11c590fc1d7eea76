-- The 47 prefectures for the export, by code, each with the number of its municipalities.
SELECT a.code, a.name, a.name_kana, a.name_en,
       (SELECT count(*) FROM area AS m WHERE m.prefecture_code = a.code) AS municipality_count,
       a.population, a.population_date, a.latitude, a.longitude, a.website
FROM area AS a
WHERE a.level = 'prefecture'
ORDER BY a.code
