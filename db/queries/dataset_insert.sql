INSERT INTO dataset (version, loaded_at, title, publisher, period_start, period_end, url, licence, licence_note,
                     compatible_licence, compatible_licence_url, attribution, attribution_en, inputs)
VALUES ($1::text, now(), $2::text, $3::text, $4::date, $5::date, $6::text, $7::text, $8::text,
        $9::text, $10::text, $11::text, $12::text, $13::jsonb)
