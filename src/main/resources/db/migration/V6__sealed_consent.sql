-- Consent that the database alone cannot forge (issue 12): each plan and each decision carries its seal, an
-- HMAC-SHA256 with the server key (a file the database does not hold) over its canonical statement (consent/*).
-- A decision also carries its place in the plan's chain of decisions, the seal before it, the plan seal it
-- consents to and how its admin was identified. NULL in plans and decisions made before this migration: they
-- do not verify, and such a plan cannot be run (make a new one). Plain SQL for H2 2.x and PostgreSQL, as V1.
ALTER TABLE plans ADD COLUMN seal VARCHAR(64);
ALTER TABLE approvals ADD COLUMN sequence BIGINT;
ALTER TABLE approvals ADD COLUMN previous_seal VARCHAR(64);
ALTER TABLE approvals ADD COLUMN plan_seal VARCHAR(64);
ALTER TABLE approvals ADD COLUMN identified_by CHARACTER VARYING;
ALTER TABLE approvals ADD COLUMN seal VARCHAR(64);
CREATE UNIQUE INDEX approvals_chain ON approvals (plan_id, sequence);
-- The run reads a plan's decision records from the audit trail before acting on its hosts.
CREATE INDEX audit_log_by_subject ON audit_log (subject, action);
