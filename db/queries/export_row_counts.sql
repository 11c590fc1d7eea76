-- How many rows each whole export has, in one statement, from the tables the exports read (each export's query
-- keeps every row of its main table; tests/test_datapackage.py compares these with the files).
SELECT (SELECT count(*) FROM initiative) AS initiatives,
       (SELECT count(*) FROM milestone) AS milestones,
       (SELECT count(*) FROM metric) AS metrics,
       (SELECT count(*) FROM observation) AS observations,
       (SELECT count(*) FROM area WHERE level = 'prefecture') AS prefectures,
       (SELECT count(*) FROM area WHERE level = 'municipality') AS municipalities,
       (SELECT count(*) FROM catalog_entry) AS services
