-- Admins' own signatures (issue 12): an admin with a signingKey in the admin file signs their decision with their
-- Ed25519 private key (the base64 signature of consent/SignedStatement); the decision's seal covers it. NULL for
-- unsigned decisions. V8 may be another change's; Flyway does not need versions to be contiguous.
ALTER TABLE approvals ADD COLUMN signature CHARACTER VARYING;
