SELECT area_code, count(*) AS count
FROM catalog_entry_municipality
WHERE area_code = ANY($1::text[])
GROUP BY area_code
