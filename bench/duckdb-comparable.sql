-- The benchmark's second yardstick: the row-level work of a run as the SPEC defines it, written
-- as SQL for DuckDB (bench/run runs it with 2 threads beside every size, after
-- bench/duckdb-core.sql). Beyond the core (types, exact copies, conflicting session ids, scores
-- that name no session of their client, episodes at a gap of more than 90 days), it does what
-- every run must do to write its row-level tables: session numbers, each episode's primary
-- technique, adherence and closing (a discharge before the next episode, or a last session more
-- than 90 days before the as-of date); each episode and measure's baseline (the before score of
-- session 1, else the latest intake 0-30 days before it), course final (the earliest discharge
-- 1-30 days after the last session, else the last session's before score from 2 sessions),
-- immediate final, improvement, percent and the three responder rules, and the follow-up score
-- of each horizon (90, 180, 365 days, a window of 30 days each side, before the next episode,
-- the closest, a tie to the earlier); then the pairs of session_relief, course,
-- course_immediate, pre_treatment, trajectory and the follow-ups with their baseline carried
-- forward, summarised overall and by technique (n, mean, SD, exact median); and it
-- writes the five row-level tables the job writes (clients, sessions, pain_scores, episodes,
-- episode_outcomes) as Parquet. It still leaves out the rejects' line numbers and raw text, the
-- privacy guard, the other groupings and analyses, the tests and intervals, claims and reports,
-- and its rules are simplified where the job's are exact (ties of the primary technique, an
-- intake or discharge shared by two episodes), so it still flatters DuckDB. On a generated
-- clinic without bad rows its five tables have the job's row counts and every pair's group
-- (overall, technique) the job's n and mean change (ComparableYardstickTest).
SET threads = 2;
CREATE TEMP TABLE measures AS
  SELECT * FROM (VALUES ('nrs_pain', 0.0, 2.0, false), ('odi', 0.0, 10.0, false),
    ('rmdq', 0.0, 5.0, false), ('slr_deg', 90.0, 10.0, true))
    AS m(measure, best, mcid, higher_better);
CREATE TEMP TABLE s AS
  SELECT DISTINCT * FROM read_csv('{in}/sessions.csv', header = true, columns = {
    'session_id': 'VARCHAR', 'client_id': 'VARCHAR', 'therapist_id': 'VARCHAR',
    'session_date': 'DATE', 'technique': 'VARCHAR', 'duration_min': 'INTEGER',
    'adverse_event': 'VARCHAR', 'home_exercise': 'VARCHAR'}, ignore_errors = true);
CREATE TEMP TABLE sessions AS
  SELECT *, sum(CASE WHEN gap IS NULL OR gap > 90 THEN 1 ELSE 0 END)
      OVER (PARTITION BY client_id ORDER BY session_date, session_id) AS episode
  FROM (SELECT *, session_date - lag(session_date)
      OVER (PARTITION BY client_id ORDER BY session_date, session_id) AS gap
    FROM s WHERE session_id IN
      (SELECT session_id FROM s GROUP BY session_id HAVING count(*) = 1));
CREATE TEMP TABLE numbered AS
  SELECT *, row_number() OVER (PARTITION BY client_id, episode ORDER BY session_date, session_id)
      AS session_number
  FROM sessions;
CREATE TEMP TABLE p AS
  SELECT DISTINCT * FROM read_csv('{in}/pain_scores.csv', header = true, columns = {
    'client_id': 'VARCHAR', 'session_id': 'VARCHAR', 'recorded_on': 'DATE',
    'moment': 'VARCHAR', 'measure': 'VARCHAR', 'score': 'DOUBLE'}, ignore_errors = true);
CREATE TEMP TABLE clients AS
  SELECT DISTINCT * FROM read_csv('{in}/clients.csv', header = true, columns = {
    'client_id': 'VARCHAR', 'age_band': 'VARCHAR', 'sex': 'VARCHAR', 'condition': 'VARCHAR',
    'symptom_weeks': 'INTEGER', 'co_treatment': 'VARCHAR', 'contraindications': 'VARCHAR',
    'medical_clearance': 'VARCHAR'}, ignore_errors = true);
CREATE TEMP TABLE session_scores AS
  SELECT x.client_id, x.episode, x.session_number AS k, x.session_date AS d, x.technique,
    p.session_id, p.recorded_on, p.moment, p.measure, p.score
  FROM p JOIN numbered x ON p.session_id = x.session_id AND p.client_id = x.client_id
    AND p.recorded_on = x.session_date
  WHERE p.moment IN ('before', 'after');
CREATE TEMP TABLE other_scores AS
  SELECT * FROM p WHERE moment IN ('intake', 'discharge', 'followup') AND session_id IS NULL;
CREATE TEMP TABLE as_of AS
  SELECT greatest((SELECT max(session_date) FROM numbered), (SELECT max(recorded_on) FROM p))
    AS day;
CREATE TEMP TABLE episodes AS
  SELECT *, lead(first_date) OVER (PARTITION BY client_id ORDER BY episode) AS next_first
  FROM (SELECT client_id, episode, min(session_date) AS first_date,
      max(session_date) AS last_date, count(*) AS n_sessions, mode(technique) AS technique,
      mode(therapist_id) AS therapist,
      CASE WHEN count(home_exercise) FILTER (WHERE home_exercise IN ('yes', 'no')) = 0
        THEN 'unknown'
        WHEN 2 * count(*) FILTER (WHERE home_exercise = 'yes')
          >= count(*) FILTER (WHERE home_exercise IN ('yes', 'no')) THEN 'adherent'
        ELSE 'not_adherent' END AS adherence
    FROM numbered GROUP BY client_id, episode);
CREATE TEMP TABLE scored AS
  SELECT client_id, episode, measure, moment, k, d, score FROM session_scores
  UNION ALL
  SELECT e.client_id, e.episode, o.measure, o.moment, NULL, o.recorded_on, o.score
  FROM other_scores o JOIN episodes e ON o.client_id = e.client_id
    AND o.recorded_on BETWEEN e.first_date - 30 AND e.last_date + 395;
CREATE TEMP TABLE picks AS
  SELECT c.client_id, c.episode, c.measure,
    any_value(e.n_sessions) AS n_sessions, any_value(e.technique) AS technique,
    any_value(e.first_date) AS first_date, any_value(e.last_date) AS last_date,
    bool_or(c.moment = 'discharge' AND c.d >= e.first_date
      AND (e.next_first IS NULL OR c.d < e.next_first))
      OR any_value(e.last_date) < any_value(a.day) - 90 AS closed,
    min(c.score) FILTER (WHERE c.moment = 'before' AND c.k = 1) AS before_1,
    arg_max(c.score, c.d) FILTER (WHERE c.moment = 'intake'
      AND c.d BETWEEN e.first_date - 30 AND e.first_date) AS intake,
    arg_max(c.score, c.d) FILTER (WHERE c.moment = 'intake'
      AND c.d BETWEEN e.first_date - 30 AND e.first_date - 1) AS intake_before,
    arg_min(c.score, c.d) FILTER (WHERE c.moment = 'discharge'
      AND c.d BETWEEN e.last_date + 1 AND e.last_date + 30) AS discharge,
    arg_min(c.score, c.d) FILTER (WHERE c.moment = 'discharge'
      AND c.d BETWEEN e.last_date AND e.last_date + 30) AS discharge_0,
    min(c.score) FILTER (WHERE c.moment = 'before' AND c.k = e.n_sessions) AS before_last,
    min(c.score) FILTER (WHERE c.moment = 'after' AND c.k = e.n_sessions) AS after_last,
    arg_min(c.score, 2 * abs(c.d - e.last_date - 90) + (c.d > e.last_date + 90)::INTEGER)
      FILTER (WHERE c.moment = 'followup' AND c.d BETWEEN e.last_date + 60 AND e.last_date + 120
        AND (e.next_first IS NULL OR c.d < e.next_first)) AS followup_3m,
    arg_min(c.score, 2 * abs(c.d - e.last_date - 180) + (c.d > e.last_date + 180)::INTEGER)
      FILTER (WHERE c.moment = 'followup' AND c.d BETWEEN e.last_date + 150 AND e.last_date + 210
        AND (e.next_first IS NULL OR c.d < e.next_first)) AS followup_6m,
    arg_min(c.score, 2 * abs(c.d - e.last_date - 365) + (c.d > e.last_date + 365)::INTEGER)
      FILTER (WHERE c.moment = 'followup' AND c.d BETWEEN e.last_date + 335 AND e.last_date + 395
        AND (e.next_first IS NULL OR c.d < e.next_first)) AS followup_12m,
    bool_and(e.next_first IS NULL OR e.next_first > e.last_date + 60)
      AND any_value(e.last_date) + 120 <= any_value(a.day) AS eligible_3m,
    bool_and(e.next_first IS NULL OR e.next_first > e.last_date + 150)
      AND any_value(e.last_date) + 210 <= any_value(a.day) AS eligible_6m,
    bool_and(e.next_first IS NULL OR e.next_first > e.last_date + 335)
      AND any_value(e.last_date) + 395 <= any_value(a.day) AS eligible_12m
  FROM scored c JOIN episodes e USING (client_id, episode) CROSS JOIN as_of a
  GROUP BY c.client_id, c.episode, c.measure
  HAVING bool_or(c.moment IN ('before', 'after')
    OR (c.moment = 'intake' AND c.d BETWEEN e.first_date - 30 AND e.first_date)
    OR (c.moment = 'discharge' AND c.d BETWEEN e.last_date AND e.last_date + 30)
    OR (c.moment = 'followup' AND (e.next_first IS NULL OR c.d < e.next_first)
      AND (c.d BETWEEN e.last_date + 60 AND e.last_date + 120
        OR c.d BETWEEN e.last_date + 150 AND e.last_date + 210
        OR c.d BETWEEN e.last_date + 335 AND e.last_date + 395)));
CREATE TEMP TABLE episode_outcomes AS
  SELECT *,
    improvement / nullif(abs(baseline - best), 0) AS percent,
    improvement >= mcid AS responder_mcid,
    improvement / nullif(abs(baseline - best), 0) >= 0.3 AS responder_30,
    improvement / nullif(abs(baseline - best), 0) >= 0.5 AS responder_50,
    CASE WHEN higher_better THEN final_immediate - baseline ELSE baseline - final_immediate END
      AS improvement_immediate,
    CASE WHEN higher_better THEN followup_3m - baseline ELSE baseline - followup_3m END
      AS followup_3m_improvement,
    CASE WHEN higher_better THEN followup_6m - baseline ELSE baseline - followup_6m END
      AS followup_6m_improvement,
    CASE WHEN higher_better THEN followup_12m - baseline ELSE baseline - followup_12m END
      AS followup_12m_improvement
  FROM (SELECT *, CASE WHEN higher_better THEN final - baseline ELSE baseline - final END
      AS improvement
    FROM (SELECT picks.*, m.best, m.mcid, m.higher_better,
        coalesce(before_1, intake) AS baseline,
        CASE WHEN discharge IS NOT NULL THEN discharge
          WHEN n_sessions >= 2 THEN before_last END AS final,
        CASE WHEN discharge IS NOT NULL THEN 'discharge'
          WHEN n_sessions >= 2 AND before_last IS NOT NULL THEN 'last_before' END AS final_source,
        coalesce(after_last, discharge_0) AS final_immediate
      FROM picks JOIN measures m USING (measure)));
CREATE TEMP TABLE relief AS
  SELECT * FROM (SELECT client_id, episode, measure, technique, k,
      min(score) FILTER (WHERE moment = 'before') AS b,
      min(score) FILTER (WHERE moment = 'after') AS a
    FROM session_scores GROUP BY client_id, episode, measure, technique, k)
  WHERE a IS NOT NULL AND b IS NOT NULL;
CREATE TEMP TABLE episode_pairs AS
  SELECT 'course' AS analysis, measure, technique, baseline AS earlier, final AS later
    FROM episode_outcomes WHERE closed AND baseline IS NOT NULL AND final IS NOT NULL
  UNION ALL
  SELECT 'course_immediate', measure, technique, baseline, final_immediate
    FROM episode_outcomes WHERE closed AND baseline IS NOT NULL AND final_immediate IS NOT NULL
  UNION ALL
  SELECT 'pre_treatment', measure, technique, intake_before, before_1
    FROM episode_outcomes WHERE intake_before IS NOT NULL AND before_1 IS NOT NULL
  UNION ALL
  SELECT 'followup_' || h, measure, technique, baseline, f
  FROM (SELECT *, '3m' AS h, followup_3m AS f, eligible_3m AS ok FROM episode_outcomes
    UNION ALL SELECT *, '6m', followup_6m, eligible_6m FROM episode_outcomes
    UNION ALL SELECT *, '12m', followup_12m, eligible_12m FROM episode_outcomes)
  WHERE closed AND ok AND baseline IS NOT NULL AND f IS NOT NULL
  UNION ALL
  SELECT 'followup_' || h || '_bocf', measure, technique, baseline, coalesce(f, baseline)
  FROM (SELECT *, '3m' AS h, followup_3m AS f, eligible_3m AS ok FROM episode_outcomes
    UNION ALL SELECT *, '6m', followup_6m, eligible_6m FROM episode_outcomes
    UNION ALL SELECT *, '12m', followup_12m, eligible_12m FROM episode_outcomes)
  WHERE closed AND ok AND baseline IS NOT NULL;
CREATE TEMP TABLE pairs AS
  SELECT 'session_relief' AS analysis, measure, 'all' AS grp, avg(b) AS earlier, avg(a) AS later
    FROM relief GROUP BY client_id, episode, measure
  UNION ALL
  SELECT 'session_relief', measure, technique, avg(b), avg(a)
    FROM relief GROUP BY client_id, episode, measure, technique
  UNION ALL
  SELECT 'trajectory', o.measure, least(x.k, 10)::VARCHAR, any_value(o.baseline), avg(x.score)
  FROM session_scores x JOIN episode_outcomes o USING (client_id, episode, measure)
  WHERE x.moment = 'before' AND x.k >= 2 AND o.baseline IS NOT NULL
  GROUP BY o.client_id, o.episode, o.measure, least(x.k, 10)
  UNION ALL
  SELECT analysis, measure, unnest(['all', technique]), earlier, later FROM episode_pairs;
COPY clients TO '{out}/clients.parquet' (FORMAT parquet);
COPY (SELECT * EXCLUDE (gap) FROM numbered) TO '{out}/sessions.parquet' (FORMAT parquet);
COPY (SELECT client_id, session_id, recorded_on, moment, measure, score FROM session_scores
    UNION ALL SELECT * FROM other_scores) TO '{out}/pain_scores.parquet' (FORMAT parquet);
COPY episodes TO '{out}/episodes.parquet' (FORMAT parquet);
COPY episode_outcomes TO '{out}/episode_outcomes.parquet' (FORMAT parquet);
SELECT analysis, measure, grp, count(*) AS n, avg(improvement) AS mean,
  stddev_samp(improvement) AS sd, median(improvement) AS median,
  count(*) FILTER (WHERE improvement <> 0) AS non_zero
FROM (SELECT p.*, CASE WHEN m.higher_better THEN later - earlier ELSE earlier - later END
    AS improvement FROM pairs p JOIN measures m USING (measure))
GROUP BY analysis, measure, grp
ORDER BY ALL;
