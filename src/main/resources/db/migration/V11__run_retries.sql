-- Retries (issue 12): a run started by POST /api/v1/runs/{id}/retry is a run of the same plan like any other, restricted
-- to the hosts that run {id} left failed; retry_of names that run. NULL for every other run.
ALTER TABLE runs ADD COLUMN retry_of VARCHAR(100);
