SELECT (SELECT count(*) FROM initiative) AS initiatives, (SELECT count(*) FROM metric) AS metrics,
       (SELECT count(*) FROM observation) AS observations, (SELECT count(*) FROM area) AS areas,
       (SELECT count(*) FROM catalog_entry) AS services
