-- The lifecycle aggregation, defined once.
--
-- Inputs (any SQL engine that has window functions, GROUPING SETS and quantile_cont):
--   lifecycle_source(customer_id, event VARCHAR, ts DOUBLE, segment VARCHAR)
--       one row per event; ts in epoch seconds, NULL when it could not be parsed
--   lifecycle_steps(event VARCHAR, stage VARCHAR, stage_order INTEGER, is_end BOOLEAN,
--                   step_id INTEGER)
--       which stage each event name counts for (stage and touchpoint ids map to their stage);
--       stage_order is the stage's position in the journey, step_id numbers the event names.
--       Stages travel through the windows as their stage_order (narrow rows sort faster);
--       `stage` and `next_stage` in the output are stage_order values.
--
-- Output: one long table; `kind` says what a row holds.
--   stage     per stage (and per segment when by_segment): customers who reached it, visits,
--             customers who left there (dropped: last visit, not an end stage), of them those
--             who had never reached an end stage (lost), journeys that started there, median
--             and p90 seconds from entering it to entering the next stage
--   flow      per stage → next stage: customers and transitions (visit level, loops included),
--             and the transitions made before the customer first reached an end stage (open)
--   unmapped  per event name that no step maps: events
--   check     data-quality counts: bad_timestamp, missing_customer, duplicate (events)
--
-- Dialect: DuckDB. Another engine needs these spelled its way: `x::T` casts, aggregate
-- FILTER clauses, UNPIVOT, `AS MATERIALIZED` (only a hint), bit_or over HUGEINT bit masks
-- (a 128-bit set of stages), quantile_cont; the logic itself is standard windows and
-- GROUPING SETS.
--
-- A visit is a run of consecutive events at the same stage; a customer's path is the
-- sequence of visits ordered by time (ties broken by the journey's stage order).
WITH mapped AS MATERIALIZED (
    SELECT s.customer_id, s.ts, s.segment, m.stage_order AS stage, m.is_end, m.step_id,
           CASE WHEN m.step_id IS NULL THEN s.event END AS unmapped_event
    FROM lifecycle_source AS s
    LEFT JOIN lifecycle_steps AS m ON s.event = m.event
),
events AS MATERIALIZED (
    SELECT customer_id, segment, stage, is_end, ts,
           lag(stage) OVER w AS prev_stage,
           lag(step_id) OVER w = step_id AND lag(ts) OVER w = ts AS dup
    FROM mapped
    WHERE stage IS NOT NULL AND ts IS NOT NULL AND customer_id IS NOT NULL
    WINDOW w AS (PARTITION BY customer_id ORDER BY ts, stage, step_id)
),
visits AS MATERIALIZED (
    SELECT customer_id, segment, stage, is_end,
           lead(stage) OVER v AS next_stage,
           lead(ts) OVER v - ts AS to_next,
           row_number() OVER v = 1 AS first_visit,
           -- converted before: an end stage was visited earlier; the Markov chain of
           -- conversion only uses the visits before that
           coalesce(sum(is_end::INTEGER) OVER earlier, 0) > 0 AS converted_before,
           -- first time at this stage: a bit per stage of the visits so far (the format
           -- allows at most 100 stages), cheaper than counting distinct customers
           (coalesce(bit_or(1::HUGEINT << stage::HUGEINT) OVER earlier, 0)
               >> stage::HUGEINT) & 1 = 0 AS first_here
    FROM events
    WHERE prev_stage IS DISTINCT FROM stage
    WINDOW v AS (PARTITION BY customer_id ORDER BY ts, stage),
           earlier AS (v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT 'stage' AS kind, grouping(segment) = 0 AS by_segment, segment,
       stage::VARCHAR AS stage, NULL::VARCHAR AS next_stage,
       count(*) FILTER (WHERE first_here) AS customers,
       count(*) AS visits,
       count(*) FILTER (WHERE next_stage IS NULL AND NOT is_end) AS dropped,
       count(*) FILTER (WHERE next_stage IS NULL AND NOT is_end AND NOT converted_before)
           AS lost,
       count(*) FILTER (WHERE first_visit) AS starts,
       quantile_cont(to_next, 0.5) AS median_to_next_s,
       quantile_cont(to_next, 0.9) AS p90_to_next_s
FROM visits
GROUP BY GROUPING SETS ((stage), (segment, stage))
UNION ALL
SELECT 'flow', grouping(segment) = 0, segment, stage::VARCHAR, next_stage::VARCHAR,
       count(DISTINCT customer_id), count(*), NULL, count(*) FILTER (WHERE NOT converted_before),
       NULL, NULL, NULL
FROM visits
WHERE next_stage IS NOT NULL
GROUP BY GROUPING SETS ((stage, next_stage), (segment, stage, next_stage))
UNION ALL
SELECT 'unmapped', false, NULL, unmapped_event, NULL, NULL, count(*), NULL, NULL, NULL, NULL, NULL
FROM mapped
WHERE unmapped_event IS NOT NULL
GROUP BY unmapped_event
UNION ALL
SELECT 'check', false, NULL, name, NULL, NULL, n, NULL, NULL, NULL, NULL, NULL
FROM (
    SELECT count(*) FILTER (WHERE ts IS NULL) AS bad_timestamp,
           count(*) FILTER (WHERE customer_id IS NULL) AS missing_customer,
           count(*) AS total
    FROM mapped
) UNPIVOT (n FOR name IN (bad_timestamp, missing_customer, total))
UNION ALL
SELECT 'check', false, NULL, 'duplicate', NULL, NULL, count(*) FILTER (WHERE dup),
       NULL, NULL, NULL, NULL, NULL
FROM events
