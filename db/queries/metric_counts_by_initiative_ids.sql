SELECT initiative_id, count(*) AS count
FROM metric
WHERE initiative_id = ANY($1::integer[])
GROUP BY initiative_id
