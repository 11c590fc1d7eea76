SELECT id, slug, position, chapter, title, headline, text, items, citation_id
FROM report_section
ORDER BY position
LIMIT 200
