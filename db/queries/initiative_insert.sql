INSERT INTO initiative (slug, position, title, focus_area_id, headline, lead, achievements_title,
                        achievements, background, outlook, page, section)
VALUES ($1::text, $2::integer, $3::text, (SELECT id FROM focus_area WHERE slug = $4::text), $5::text, $6::text,
        $7::text, $8::text, $9::text, $10::text[], $11::integer, $12::text)
