INSERT INTO focus_area (slug, position, name, page, section)
VALUES ($1::text, $2::integer, $3::text, $4::integer, $5::text)
