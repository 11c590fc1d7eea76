SELECT c.id, c.document, c.section, c.page, c.quote, c.url, c.as_of, c.figure_owner, c.citation_kind, c.licence, c.note
FROM citation AS c
WHERE c.id = ANY($1::integer[])
