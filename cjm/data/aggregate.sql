-- The lifecycle aggregation, defined once.
--
-- Inputs (any SQL engine that has window functions, GROUPING SETS and quantile_cont):
--   lifecycle_source(customer_id, event VARCHAR, ts DOUBLE, segment VARCHAR)
--       one row per event; ts in epoch seconds, NULL when it could not be parsed
--   lifecycle_steps(event VARCHAR, stage VARCHAR, stage_order INTEGER, is_end BOOLEAN,
--                   step_id INTEGER)
--       which stage each event name counts for (stage and touchpoint ids map to their stage);
--       stage_order is the stage's position in the journey, step_id numbers the event names
--       in stage order (a higher stage_order never has a lower step_id).
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
--   check     data-quality counts: bad_timestamp, missing_customer, total, duplicate (events),
--             segment_changed (customers whose events carry more than one segment)
--
-- Dialect: DuckDB. Another engine needs these spelled its way: `x::T` casts, aggregate
-- FILTER clauses, UNPIVOT, bit_or over HUGEINT bit masks (a 128-bit set of stages),
-- quantile_cont over a list of fractions, list indexing `q[1]`; the logic itself is standard
-- windows and GROUPING SETS.
--
-- A visit is a run of consecutive events at the same stage; a customer's path is the
-- sequence of visits ordered by time (ties broken by the journey's stage order). A customer
-- counts for one segment: that of their earliest event that has one.
--
-- Shape, for speed (measured in benchmarks/bench_score.py): one straight pipeline, two
-- window passes and one fan-out at the end. Rows that no window needs (unmapped events,
-- missing timestamps or customers, duplicates) still travel through both windows in
-- partitions of their own, so that every count comes out of the same last step; a CTE that
-- fed a window and an aggregate at once made DuckDB keep a copy of all events, and the
-- memory that cost made the windows spill to disk.
WITH mapped AS (
    SELECT s.customer_id, s.ts, m.stage_order::UTINYINT AS stage, m.step_id,
           -- an unmapped event counts for no segment: the column carries its name instead
           CASE WHEN m.step_id IS NULL THEN s.event ELSE s.segment END AS segment,
           m.step_id IS NOT NULL AND s.ts IS NOT NULL AND s.customer_id IS NOT NULL AS ok
    FROM lifecycle_source AS s
    LEFT JOIN lifecycle_steps AS m ON s.event = m.event
),
-- the end stages as a bit mask: cheaper to carry than a joined column
ends AS (
    SELECT coalesce(bit_or(1::HUGEINT << stage_order::HUGEINT) FILTER (WHERE is_end), 0) AS mask
    FROM lifecycle_steps
),
events AS (
    -- a customer's segment is that of their first event that has one, on every visit; the
    -- segment column of the other partitions carries unmapped event names, kept as they are
    SELECT customer_id, stage, ts, ok,
           CASE WHEN ok THEN first_value(segment IGNORE NULLS) OVER whole ELSE segment END
               AS segment,
           -- a row whose segment differs from the customer's first: the customer changed
           -- segment (counted once per customer below; cheaper than min/max over the frame)
           ok AND segment <> first_value(segment IGNORE NULLS) OVER whole AS segment_changed,
           ok AND lag(stage) OVER w IS DISTINCT FROM stage AS visit,
           row_number() OVER w = 1 AS first_event,
           -- a duplicate is a peer (same customer, time and event) after the first
           row_number() OVER w > rank() OVER w AS dup,
           -- events of the partition, counted on its first row: every event is counted
           -- although only visits go on to be aggregated
           count(*) OVER whole AS events
    FROM mapped
    -- step_id rises with the stage: this is the order (ts, stage, step_id)
    WINDOW w AS (PARTITION BY customer_id, ok ORDER BY ts, step_id),
           whole AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
walked AS (
    SELECT customer_id, segment, stage, ok, visit, dup, ts, first_event, events,
           segment_changed,
           lead(stage) OVER v AS next_stage,
           lead(ts) OVER v - ts AS to_next,
           (ends.mask >> stage::HUGEINT) & 1 = 1 AS is_end,
           -- converted before: an end stage was visited earlier; the Markov chain of
           -- conversion only uses the visits before that
           coalesce(bit_or(1::HUGEINT << stage::HUGEINT) OVER earlier, 0) & ends.mask <> 0
               AS converted_before,
           -- first time at this stage: a bit per stage of the visits so far (the format
           -- allows at most 100 stages), cheaper than counting distinct customers
           (coalesce(bit_or(1::HUGEINT << stage::HUGEINT) OVER earlier, 0) >> stage::HUGEINT)
               & 1 = 0 AS first_here
    FROM events, ends
    -- continuation events of a visit are done with; the rest is still counted below
    WHERE visit OR dup OR first_event OR NOT ok OR segment_changed
    -- the visits of a customer form one partition, everything else another
    WINDOW v AS (PARTITION BY customer_id, visit ORDER BY ts, stage),
           earlier AS (v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT kind, by_segment, segment, stage, next_stage, customers, visits, dropped, lost, starts,
       q[1] AS median_to_next_s, q[2] AS p90_to_next_s
FROM (
    SELECT 'stage' AS kind, grouping(segment) = 0 AS by_segment, segment,
           stage::VARCHAR AS stage, NULL::VARCHAR AS next_stage,
           count(*) FILTER (WHERE first_here) AS customers,
           count(*) AS visits,
           count(*) FILTER (WHERE next_stage IS NULL AND NOT is_end) AS dropped,
           count(*) FILTER (WHERE next_stage IS NULL AND NOT is_end AND NOT converted_before)
               AS lost,
           count(*) FILTER (WHERE first_event) AS starts,
           -- one sorted state for both fractions
           quantile_cont(to_next, [0.5, 0.9]) AS q
    FROM walked
    WHERE visit
    GROUP BY GROUPING SETS ((stage), (segment, stage))
)
UNION ALL
SELECT 'flow', grouping(segment) = 0, segment, stage::VARCHAR, next_stage::VARCHAR,
       count(DISTINCT customer_id), count(*), NULL, count(*) FILTER (WHERE NOT converted_before),
       NULL, NULL, NULL
FROM walked
WHERE visit AND next_stage IS NOT NULL
GROUP BY GROUPING SETS ((stage, next_stage), (segment, stage, next_stage))
UNION ALL
SELECT 'unmapped', false, NULL, segment, NULL, NULL, count(*), NULL, NULL, NULL, NULL, NULL
FROM walked
WHERE stage IS NULL
GROUP BY segment
UNION ALL
SELECT 'check', false, NULL, name, NULL, NULL, n, NULL, NULL, NULL, NULL, NULL
FROM (
    SELECT count(*) FILTER (WHERE ts IS NULL) AS bad_timestamp,
           count(*) FILTER (WHERE customer_id IS NULL) AS missing_customer,
           coalesce(sum(events) FILTER (WHERE first_event AND ok), 0)
               + count(*) FILTER (WHERE NOT ok) AS total,
           count(*) FILTER (WHERE dup AND ok) AS duplicate,
           count(DISTINCT customer_id) FILTER (WHERE segment_changed) AS segment_changed
    FROM walked
) UNPIVOT (n FOR name IN (bad_timestamp, missing_customer, total, duplicate, segment_changed))
