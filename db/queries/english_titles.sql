SELECT kind, slug, text, official
FROM english_title
ORDER BY kind, slug
LIMIT 1000
