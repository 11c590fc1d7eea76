SELECT id, slug, position, title, focus_area_id, headline, lead, achievements_title,
       achievements, background, outlook, page, section
FROM initiative
WHERE id = ANY($1::integer[])
