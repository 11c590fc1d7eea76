INSERT INTO data_source (slug, position, title, url, description, licence, attribution, attribution_en,
                         available, problem)
VALUES ($1::text, $2::integer, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
        $9::boolean, $10::text)
