package org.wsusremediator.plan;

/** What an admin may do with plans. */
public enum Role {
    /** May make plans. */
    REQUESTER,
    /** May approve or reject plans (not their own while the two-person rule holds). */
    APPROVER
}
