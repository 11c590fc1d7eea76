-- How many documents of the kinds $1 (NULL: every kind) search_page finds: $2 anywhere in the names,
-- $3 at a word start of the romaji and English, $4 as whole words of an area's English name, $5 in the text.
SELECT count(*)
FROM search_document AS d
WHERE ($1::text[] IS NULL OR d.kind = ANY($1::text[]))
  AND (d.names_norm LIKE ANY($2::text[]) OR d.latin_norm LIKE ANY($3::text[])
       OR d.words_norm LIKE ANY($4::text[]) OR d.body_norm LIKE ANY($5::text[]))
