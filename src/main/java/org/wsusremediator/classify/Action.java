package org.wsusremediator.classify;

/** What the orchestrator does with a host, in the words of DOMAIN.md. */
public enum Action {
    /** WSUS 3.0 SP1 with the client web service DLL below 3.1.6001.66: install KB954960. */
    INSTALL_KB,
    /** WSUS 3.0 RTM and the inventory's rtmPolicy is workaround. */
    RTM_WORKAROUND,
    /** WSUS 3.0 RTM and the inventory's rtmPolicy is upgrade. */
    FLAG_UPGRADE,
    /** Fixed already: DLL at 3.1.6001.66 or later, or WSUS 3.0 SP2 and later. */
    COMPLIANT,
    /** WSUS 2.0: the advisory says it is not affected. */
    NOT_AFFECTED,
    /** No WSUS server role here (not installed, or console only). */
    NOT_APPLICABLE,
    /** The facts do not allow a safe decision: a person must look. */
    NEEDS_REVIEW,
    /** The host could not be read over WinRM. */
    UNREACHABLE,
    /**
     * KB954960 is installed (the DLL fixed) and the host waits for a restart that an earlier plan did not allow: restart
     * it, wait for WinRM and the new boot time, and check its health. Only in a restart plan ({@code plan --restarts}),
     * never from a plain scan's classification.
     */
    RESTART;

    /** Whether this action changes the host (and so needs approval). */
    public boolean remediates() {
        return this == INSTALL_KB || this == RTM_WORKAROUND || this == RESTART;
    }
}
