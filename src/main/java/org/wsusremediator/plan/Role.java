package org.wsusremediator.plan;

/** What an admin may do. Roles do not imply each other: an admin is given each one they need. */
public enum Role {
    /** May read plans, runs, reports and the audit trail (every other role may read too). */
    VIEWER,
    /** May make plans. */
    REQUESTER,
    /** May approve or reject plans (not their own while the two-person rule holds). */
    APPROVER,
    /** May start and abort runs of approved plans. */
    OPERATOR
}
