/**
 * The durable store: plans, approvals, per-host run states and a tamper-evident audit trail, kept in an
 * embedded H2 file ({@link org.wsusremediator.store.Store#defaultH2Url}) or in PostgreSQL, with the schema
 * managed by Flyway ({@code db/migration/V1__plans_approvals_audit.sql}, plain SQL for both databases).
 *
 * <p>Every change is written in one transaction together with its audit record. Audit appends lock the
 * one-row {@code audit_head} table ({@code SELECT … FOR UPDATE}), so concurrent writers are serialised and the
 * hash chain cannot fork. {@link org.wsusremediator.store.Store#verifyAudit()} finds edited, removed and
 * reordered records; records cut off the end together with a rewritten head row are found against the heads
 * anchored outside the database after every append ({@link org.wsusremediator.consent.AuditAnchor}, MAC'd with the
 * server key) and against a head written down elsewhere ({@link org.wsusremediator.store.Store#auditHead()},
 * {@link org.wsusremediator.store.Store#verifyAudit(AuditHead)}). The hashes are not signatures: whoever can
 * rewrite the whole table can recompute them, but not the anchor's MACs.
 *
 * <p>Plans and decisions are sealed in the write path ({@code Store.savePlan}, {@code Store.recordApproval}) with
 * the server key, and read back only as far as their seals verify ({@code Store.approvals}, {@code Store.consent}):
 * docs/approvals.md, "Sealed consent".
 *
 * <p>Tests run on H2 always and on PostgreSQL when {@code REMEDIATOR_TEST_POSTGRES_URL} is set;
 * {@code src/test/postgres/start-postgres.sh} starts a local cluster and prints the variables.
 */
package org.wsusremediator.store;
