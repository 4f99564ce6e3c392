-- What each planned host's approval covers besides its facts: the endpoint, the package for its architecture,
-- the installer's arguments, the recipe's hash (plan/ApprovedSettings), as canonical JSON. A run acts only while
-- the inventory still says exactly this. NULL for plans made before this migration: they cannot be run.
-- Plain SQL for H2 2.x and PostgreSQL, as V1.
ALTER TABLE plan_hosts ADD COLUMN settings CHARACTER VARYING;
