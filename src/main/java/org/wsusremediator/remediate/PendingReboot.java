package org.wsusremediator.remediate;

import java.util.ArrayList;
import java.util.List;
import org.wsusremediator.probe.RemoteShell;

/**
 * Whether a host waits for a reboot, from the two flags Windows keeps: Windows Update's {@code RebootRequired} key and
 * the Session Manager's {@code PendingFileRenameOperations} (files an installer could not replace while in use). A
 * run killed after its installer exited 3010 leaves no other trace of the reboot requirement once its task is gone.
 * Either flag counts, also when something else set it: the host needs a reboot either way, and saying so is the
 * safe side. {@code reg query} exits 0 when the key (or value) exists, 1 when it does not.
 */
final class PendingReboot {

    static final String REBOOT_REQUIRED_KEY =
            "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired";
    static final String SESSION_MANAGER_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager";

    private PendingReboot() {
    }

    /** The flags found, for the report ("" when none); a lost connection propagates. */
    static String flags(RemoteShell shell) {
        List<String> found = new ArrayList<>();
        if (shell.run("reg query \"" + REBOOT_REQUIRED_KEY + "\"").exitCode() == 0) {
            found.add("WindowsUpdate\\Auto Update\\RebootRequired");
        }
        if (shell.run("reg query \"" + SESSION_MANAGER_KEY + "\" /v PendingFileRenameOperations").exitCode() == 0) {
            found.add("PendingFileRenameOperations");
        }
        return String.join(" and ", found);
    }
}
