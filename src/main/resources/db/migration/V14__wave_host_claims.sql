-- Large runs shared by the nodes of a cluster (issue 14, docs/cluster.md "Sharing a wave"): when a run's wave starts
-- on a clustered node, its hosts become rows here that every live node claims (SELECT ... FOR UPDATE SKIP LOCKED),
-- each up to its own free concurrency. Plain SQL for H2 2.x and PostgreSQL, as V1 (claims are taken on PostgreSQL
-- only: H2 stays single-node and never writes these tables).
--
-- state: PENDING (claimable), CLAIMED (node is acting on it, its claim number claim_seq), DONE (settled by this run:
-- outcome, detail and whether the change was irreversible, as the claiming node journaled it).
-- previous_state: the state an earlier run left the host in when the wave was published (ApplyTarget.previous).
-- claim_seq: one more at every claim: a node's writes prove their claim by node AND number, so a node whose claim
-- was released (its check-in lapsed) and that claims the host again cannot write under its old claim.
CREATE TABLE wave_hosts (
    run_id         VARCHAR(100)             NOT NULL REFERENCES runs (id),
    host           VARCHAR(255)             NOT NULL,
    plan_id        VARCHAR(100)             NOT NULL REFERENCES plans (id),
    wave           INTEGER                  NOT NULL,
    position       INTEGER                  NOT NULL,
    group_name     VARCHAR(255)             NOT NULL,
    previous_state VARCHAR(40),
    state          VARCHAR(20)              NOT NULL,
    node           VARCHAR(200),
    claim_seq      INTEGER                  NOT NULL,
    claimed_at     TIMESTAMP WITH TIME ZONE,
    outcome        VARCHAR(40),
    detail         CHARACTER VARYING,
    irreversible   BOOLEAN,
    done_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, host)
);
CREATE INDEX wave_hosts_claimable ON wave_hosts (state, run_id, wave, position);

-- One row per run and inventory group: how many of the group's hosts are CLAIMED now, on any node, and the limit
-- (the rollout's perGroup; 0: none). A claim raises in_flight by an update that only succeeds under the limit, so two
-- nodes claiming at once cannot both take the group's last slot (the second update waits for the first and then
-- finds the row full).
CREATE TABLE wave_groups (
    run_id     VARCHAR(100) NOT NULL REFERENCES runs (id),
    group_name VARCHAR(255) NOT NULL,
    per_group  INTEGER      NOT NULL,
    in_flight  INTEGER      NOT NULL,
    PRIMARY KEY (run_id, group_name)
);

-- One row per shared run: why its owner aborted it (failure budget, an operator), once it did; null while it goes on.
-- The nodes acting on its claimed hosts read it where a run of their own would read its abort (before a restart).
CREATE TABLE wave_runs (
    run_id       VARCHAR(100) NOT NULL PRIMARY KEY REFERENCES runs (id),
    abort_reason CHARACTER VARYING
);
