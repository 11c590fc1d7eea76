SELECT prefecture_code, count(*) AS count
FROM area
WHERE prefecture_code = ANY($1::text[])
GROUP BY prefecture_code
