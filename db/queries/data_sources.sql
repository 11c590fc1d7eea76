SELECT slug, title, url, description, licence, attribution, attribution_en, available, problem
FROM data_source
ORDER BY position
LIMIT 100
