package org.wsusremediator.host;

/** How a remediation ended on a host. Only REMEDIATED and VERIFIED mean "proven fixed". */
public enum Outcome {
    /** KB954960 installed and the re-probe shows the DLL of the SP1 line at 3.1.6001.66 or later (classify.Sp1Dll). */
    REMEDIATED,
    /** The workaround recipe's verification step passes (after its steps, or already before). */
    VERIFIED,
    /**
     * Installed (exit 3010) and the DLL verified, but the host needs a restart that the approved settings did not allow
     * (allowReboot false), or that this run could not start (aborted, the window ended): a RESTART plan can do it.
     */
    REBOOT_REQUIRED,
    /**
     * The remediator restarted the host (allowReboot) and it was not back on WinRM with a new boot time within the
     * restart timeout (remediation.restartTimeout) or the window: a failure of the run; the host needs a person.
     */
    REBOOT_TIMEOUT,
    /** The installer started a reboot (exit 1641): verify with the next run. */
    REBOOT_STARTED,
    /** Something failed; the reason names what. */
    FAILED,
    /**
     * The action ran but the re-probe does not prove the fix: the DLL is not fixed, or it is and the health check failed
     * (the WSUS service or IIS not running, the client web service not answering on the host); the reason names the
     * failing check.
     */
    FAILED_VERIFICATION,
    /** The connection was lost while the host was changing: only a re-probe can tell what happened. */
    UNKNOWN,
    /**
     * The facts do not allow acting (e.g. no package configured, no recipe), or the result cannot be called fixed
     * (a mixed installation after the install): a person must look.
     */
    NEEDS_REVIEW,
    /** An upgrade record was sent to the configured sink. */
    FLAGGED,
    /** The facts differ from the approved ones: nothing was done; the host needs a new plan and approval. */
    DRIFTED,
    /** Nothing to do any more: the re-probe no longer calls for this action (e.g. already remediated). */
    NO_CHANGE
}
