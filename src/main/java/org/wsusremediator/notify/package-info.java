/**
 * What admins see of a plan's life and hear about it: its status (pending, approved, rejected, expired, or its
 * last run's), the expiry that happens by itself, and the plan events sent to the configured Camel endpoints
 * through an outbox kept beside the audit trail (docs/approvals.md, "Expiry and notifications").
 *
 * <p>Builds on {@code plan} (the rules) and {@code store} (the data); nothing here decides whether a host may be
 * acted on: a plan's status is what the rules say, shown, never a permission of its own.
 */
package org.wsusremediator.notify;
