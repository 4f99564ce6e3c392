/**
 * Consent that cannot be forged by whoever can write the database: plans and decisions are sealed (an HMAC-SHA256
 * with the {@link org.wsusremediator.consent.ServerKey}, a key the database does not hold) over their canonical
 * statements ({@link org.wsusremediator.consent.PlanStatement}, {@link org.wsusremediator.consent.DecisionStatement}),
 * decisions of one plan form a chain, the audit trail's head is anchored in a file outside the database
 * ({@link org.wsusremediator.consent.AuditAnchor}), and the acting identity comes from the operating system
 * ({@link org.wsusremediator.consent.OsUser}), never from a JVM property. docs/approvals.md says which guarantee
 * each part gives and which it does not.
 *
 * <p>This package knows plans and admins; the store seals with it and the run verifies with it. It knows neither.
 */
package org.wsusremediator.consent;
