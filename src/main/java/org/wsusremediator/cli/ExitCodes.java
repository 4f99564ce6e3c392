package org.wsusremediator.cli;

/** Exit codes a script can test; the README lists them. */
public final class ExitCodes {

    /** Done: every host was read and decided. */
    public static final int OK = 0;
    /** An unexpected failure of the remediator itself. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad input: arguments, inventory or credentials. Nothing was scanned or changed. */
    public static final int BAD_INPUT = 2;
    /** Done, but some hosts could not be read (UNREACHABLE) or need a person (NEEDS_REVIEW). */
    public static final int HOSTS_UNRESOLVED = 3;
    /** remediate without --confirm: the plan was printed, nothing was changed. */
    public static final int NOT_CONFIRMED = 4;
    /** An approval or plan the rules refuse (self-approval, expired plan, not an approver, unknown admin). */
    public static final int REFUSED = 5;
    /** audit verify found an edited, deleted or reordered record. */
    public static final int AUDIT_BROKEN = 6;

    private ExitCodes() {
    }
}
