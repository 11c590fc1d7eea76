SELECT slug, id FROM metric
