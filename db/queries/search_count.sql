SELECT count(*)
FROM search_document AS d
WHERE d.title_norm LIKE $1::text OR d.reading_norm LIKE $1::text OR d.body_norm LIKE $1::text
