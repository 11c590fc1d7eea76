SELECT entry_id, count(*) AS count
FROM catalog_entry_municipality
WHERE entry_id = ANY($1::integer[])
GROUP BY entry_id
