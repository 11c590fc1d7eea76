-- The ids of the metrics named by slug ($1): PostGraphile's documents filter observations by the id.
SELECT m.slug, m.id
FROM metric AS m
WHERE m.slug = ANY($1::text[])
