-- Every municipality for the export, by code, with its prefecture; only those of area code $1 when given (a
-- prefecture's code: its municipalities).
SELECT a.code, a.name, a.name_kana, a.name_en, a.kind, a.prefecture_code, p.name AS prefecture_name, a.county,
       a.population, a.population_date, a.latitude, a.longitude, a.website
FROM area AS a
JOIN area AS p ON p.code = a.prefecture_code
WHERE a.level = 'municipality'
  AND ($1::text IS NULL OR a.code = $1::text OR a.prefecture_code = $1::text)
ORDER BY a.code
