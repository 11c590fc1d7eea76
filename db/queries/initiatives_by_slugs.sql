SELECT id, slug, position, title, focus_area_id, headline, lead, achievements_title,
       achievements, background, outlook, page, section
FROM initiative
WHERE slug = ANY($1::text[])
