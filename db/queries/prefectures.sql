SELECT code, name, name_kana, name_en, latitude, longitude, website
FROM area
WHERE level = 'prefecture'
ORDER BY code
LIMIT 100
