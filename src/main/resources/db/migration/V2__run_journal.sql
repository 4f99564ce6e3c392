-- The run journal: one row per run of a plan (a change window or apply --now), and which run and wave each
-- host state belongs to. Plain SQL for H2 2.x and PostgreSQL, as V1.

-- status: RUNNING while a process runs it; FINISHED, WINDOW_CLOSED (hosts deferred) or ABORTED when it ends;
-- INTERRUPTED when a later run found it RUNNING with its process gone (heartbeat older than the lease).
CREATE TABLE runs (
    id            VARCHAR(100)             NOT NULL PRIMARY KEY,
    plan_id       VARCHAR(100)             NOT NULL REFERENCES plans (id),
    cause         VARCHAR(200)             NOT NULL,
    started_by    VARCHAR(200)             NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline      TIMESTAMP WITH TIME ZONE,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(40)              NOT NULL,
    abort_reason  CHARACTER VARYING
);
CREATE INDEX runs_by_plan ON runs (plan_id, started_at);

ALTER TABLE host_states ADD COLUMN run_id VARCHAR(100);
ALTER TABLE host_states ADD COLUMN wave INTEGER;
