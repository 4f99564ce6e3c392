package org.wsusremediator.simulator;

/**
 * The restart-pending flags a host starts with (fleet file {@code rebootPending}); omitted ones are not set. After a
 * simulated restart all are cleared, as Windows clears them when it boots (docs/simulator-restarts.md).
 *
 * @param rebootRequired    {@code HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired}
 *                          exists
 * @param cbsRebootPending  {@code HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending}
 *                          exists (Vista/Server 2008 and later only: Server 2003 has no Component Based Servicing)
 * @param pendingFileRename {@code HKLM\SYSTEM\CurrentControlSet\Control\Session Manager} has a non-empty
 *                          {@code PendingFileRenameOperations}
 */
public record RebootPendingSpec(Boolean rebootRequired, Boolean cbsRebootPending, Boolean pendingFileRename) {

    public static final RebootPendingSpec NONE = new RebootPendingSpec(false, false, false);

    public RebootPendingSpec {
        rebootRequired = rebootRequired != null && rebootRequired;
        cbsRebootPending = cbsRebootPending != null && cbsRebootPending;
        pendingFileRename = pendingFileRename != null && pendingFileRename;
    }
}
