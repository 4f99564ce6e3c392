/**
 * The durable store: plans, approvals, per-host run states and a tamper-evident audit trail, kept in an
 * embedded H2 file ({@link org.wsusremediator.store.Store#defaultH2Url}) or in PostgreSQL, with the schema
 * managed by Flyway ({@code db/migration/V1__plans_approvals_audit.sql}, plain SQL for both databases).
 *
 * <p>Every change is written in one transaction together with its audit record. Audit appends lock the
 * one-row {@code audit_head} table ({@code SELECT … FOR UPDATE}), so concurrent writers are serialised and the
 * hash chain cannot fork. {@link org.wsusremediator.store.Store#verifyAudit()} finds edited, removed and
 * reordered records; records cut off the end together with a rewritten head row are found only against a head
 * written down outside the database ({@link org.wsusremediator.store.Store#auditHead()},
 * {@link org.wsusremediator.store.Store#verifyAudit(AuditHead)}). The hashes are not signatures: whoever can
 * rewrite the whole table can recompute them.
 *
 * <p>Tests run on H2 always and on PostgreSQL when {@code REMEDIATOR_TEST_POSTGRES_URL} is set;
 * {@code src/test/postgres/start-postgres.sh} starts a local cluster and prints the variables.
 */
package org.wsusremediator.store;
