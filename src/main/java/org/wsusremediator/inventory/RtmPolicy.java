package org.wsusremediator.inventory;

/** What to do with WSUS 3.0 RTM hosts, where KB954960 does not apply (DOMAIN.md, remedies 4 and 5). */
public enum RtmPolicy {
    /** Apply the admin-supplied workaround recipe. */
    WORKAROUND,
    /** Do not touch the host; flag it for an upgrade to SP1 (then KB954960) or later. */
    UPGRADE
}
