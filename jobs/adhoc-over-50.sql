-- Ad-hoc: course improvement in pain (nrs_pain) by primary technique within each condition,
-- clients aged 50 or over (age bands 50-59 and up). Run after a job:
--   ./outcomes sql --file jobs/adhoc-over-50.sql --to adhoc-over-50.csv
-- Descriptive only: for intervals and tests use the stats table or a job with settings.
SELECT c.condition,
       e.primary_technique                     AS technique,
       COUNT(*)                                AS episodes,
       ROUND(AVG(o.improvement), 2)            AS mean_improvement,
       ROUND(STDDEV_SAMP(o.improvement), 2)    AS sd,
       ROUND(AVG(CAST(o.responder_mcid AS INT)), 3) AS responder_rate_mcid
FROM episode_outcomes o
JOIN episodes e ON e.episode_id = o.episode_id
JOIN clients  c ON c.client_id  = e.client_id
WHERE o.measure = 'nrs_pain' AND o.complete
  AND c.age_band IN ('50-59', '60-69', '70-79', '80-89', '90+')
GROUP BY c.condition, e.primary_technique
ORDER BY c.condition, technique
