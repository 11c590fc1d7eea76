INSERT INTO area (code, level, name, name_kana, name_en, prefecture_code, latitude, longitude, website,
                  source_slug)
VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::double precision,
        $8::double precision, $9::text, $10::text)
