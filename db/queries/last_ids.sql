-- The highest citation and observation ids: a load numbers rows from 1 without gaps, an import goes on from here.
SELECT (SELECT coalesce(max(id), 0) FROM citation) AS citation,
       (SELECT coalesce(max(id), 0) FROM observation) AS observation
