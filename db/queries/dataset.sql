SELECT version, loaded_at, title, publisher, period_start, period_end, url, licence, licence_note,
       compatible_licence, compatible_licence_url, attribution, attribution_en
FROM dataset
