-- Which node runs a run (issue 14): the NodeIdentity (<host>:<pid>:<JVM start, epoch ms>) of the process that journaled
-- the run RUNNING, on a single node too. For status, the API and the audit of a takeover (which node took which run
-- over from which node); ownership itself stays the fenced row (V5), nothing is decided from this column.
-- NULL for runs journaled before V13. 100 characters: the identity is at most 48 + 1 + 10 + 1 + 13.
ALTER TABLE runs ADD COLUMN node VARCHAR(100);
