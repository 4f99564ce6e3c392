-- What the probe read from each planned host (host/FactSheet as JSON: WSUS version, DLL version, OS, PowerShell, the
-- machine's identity, ...), kept so an approver and the API's plan detail see the facts that decided the action, and
-- what changed since the previous plan. Only an explanation: the fingerprint binds the approval, and the API shows
-- whether the kept facts still give it. NULL for hosts that could not be read and for plans made before this.
-- Plain SQL for H2 2.x and PostgreSQL, as V1. (V8 is not used: see V9.)
ALTER TABLE plan_hosts ADD COLUMN facts CHARACTER VARYING;
