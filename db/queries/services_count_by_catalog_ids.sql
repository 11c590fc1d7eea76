SELECT catalog_id, count(*) AS count
FROM catalog_entry
WHERE catalog_id = ANY($1::integer[])
GROUP BY catalog_id
