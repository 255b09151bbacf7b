-- The benchmark's single-machine yardstick: the core of the job written as SQL for DuckDB
-- (bench/run runs it with 2 threads beside every size). It does what every run must do at
-- least once: parse the three CSV files with their types, drop exact copies, reject sessions
-- whose id names two different rows and scores that name no session of their client or are
-- dated other than it, cut each client's sessions into episodes (a gap of more than 90 days),
-- pair each episode's first and last before-score per measure, summarise the improvement per
-- technique and measure (n, mean, standard deviation), and write sessions, episodes and
-- outcomes as Parquet. It leaves out what only the job does (physical line numbers and raw
-- text of rejects, the privacy guard, follow-up windows, the statistics and reports), so the
-- ratio flatters DuckDB rather than the job.
SET threads = 2;
CREATE TEMP TABLE s AS
  SELECT DISTINCT * FROM read_csv('{in}/sessions.csv', header = true, columns = {
    'session_id': 'VARCHAR', 'client_id': 'VARCHAR', 'therapist_id': 'VARCHAR',
    'session_date': 'DATE', 'technique': 'VARCHAR', 'duration_min': 'INTEGER',
    'adverse_event': 'VARCHAR', 'home_exercise': 'VARCHAR'}, ignore_errors = true);
CREATE TEMP TABLE sessions AS
  SELECT * FROM s WHERE session_id IN
    (SELECT session_id FROM s GROUP BY session_id HAVING count(*) = 1);
CREATE TEMP TABLE p AS
  SELECT DISTINCT * FROM read_csv('{in}/pain_scores.csv', header = true, columns = {
    'client_id': 'VARCHAR', 'session_id': 'VARCHAR', 'recorded_on': 'DATE',
    'moment': 'VARCHAR', 'measure': 'VARCHAR', 'score': 'DOUBLE'}, ignore_errors = true);
CREATE TEMP TABLE scores AS
  SELECT p.* FROM p JOIN sessions x
    ON p.session_id = x.session_id AND p.client_id = x.client_id
      AND p.recorded_on = x.session_date;
CREATE TEMP TABLE clients AS
  SELECT DISTINCT * FROM read_csv('{in}/clients.csv', header = true, all_varchar = true);
CREATE TEMP TABLE numbered AS
  SELECT *, sum(CASE WHEN gap IS NULL OR gap > 90 THEN 1 ELSE 0 END)
      OVER (PARTITION BY client_id ORDER BY session_date, session_id) AS episode
  FROM (SELECT *, session_date - lag(session_date)
      OVER (PARTITION BY client_id ORDER BY session_date, session_id) AS gap FROM sessions);
CREATE TEMP TABLE episodes AS
  SELECT client_id, episode, min(session_date) AS first_date, max(session_date) AS last_date,
    count(*) AS n_sessions, mode(technique) AS technique
  FROM numbered GROUP BY client_id, episode;
CREATE TEMP TABLE outcomes AS
  SELECT n.client_id, n.episode, sc.measure,
    arg_min(sc.score, n.session_date) AS baseline, arg_max(sc.score, n.session_date) AS final
  FROM numbered n JOIN scores sc ON sc.session_id = n.session_id AND sc.moment = 'before'
  GROUP BY n.client_id, n.episode, sc.measure;
COPY numbered TO '{out}/sessions.parquet' (FORMAT parquet);
COPY episodes TO '{out}/episodes.parquet' (FORMAT parquet);
COPY outcomes TO '{out}/outcomes.parquet' (FORMAT parquet);
SELECT e.technique, o.measure, count(*) AS n, avg(o.baseline - o.final) AS mean,
  stddev_samp(o.baseline - o.final) AS sd
FROM outcomes o JOIN episodes e USING (client_id, episode)
GROUP BY ALL ORDER BY ALL;
