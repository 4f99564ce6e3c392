/**
 * What a host's visit produces: its {@link org.wsusremediator.host.HostReport} (facts, action, and the
 * {@link org.wsusremediator.host.RemediationResult} with its {@link org.wsusremediator.host.Outcome} when the visit
 * acted), the {@link org.wsusremediator.host.ScanReport} of a run's visits, and the
 * {@link org.wsusremediator.host.Fingerprint} of the facts an approval is bound to.
 *
 * <p>The scan, the acting steps (remediate), plans and apply runs all build on these and not on each other, so
 * none of them has to know how the others work; ArchitectureTest keeps it so.
 */
package org.wsusremediator.host;
