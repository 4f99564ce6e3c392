-- Fencing a run's ownership of its plan (issue 9): a run proves, in the same transaction as every host-state write,
-- that its row is still RUNNING; a later run that takes the plan over marks it INTERRUPTED first, so a run that was
-- only paused past its lease (SIGSTOP, a VM stopped) can write nothing more and ends SUPERSEDED.
-- fence: the plan's run number, one more than any earlier run of the plan (the token a clustered scheduler builds on).
-- lease_ms: the lease the run itself declared; a takeover honours the owner's lease, not the one of whoever takes over.
-- status gains SUPERSEDED: the run was alive after all, found that it had been taken over, and stopped.
ALTER TABLE runs ADD COLUMN fence BIGINT;
ALTER TABLE runs ADD COLUMN lease_ms BIGINT;
