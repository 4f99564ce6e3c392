package org.wsusremediator.remediate;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wsusremediator.probe.BootTime;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.winrm.HostVisitor;

/**
 * One check while a host restarts, in a visit of its own (its shell is closed when it returns): the host's boot time
 * by {@code wmic os get LastBootUpTime /value}, which prints WMI's locale-independent CIM datetime with and without
 * PowerShell (docs/probe-protocol.md, section 6). A boot time other than the one before the restart proves the restart;
 * the same one means the host has not restarted yet. A visit that fails is the route's to count (restart-host).
 */
public class BootTimeVisitor implements HostVisitor {

    /** wmic waits on standard input over a remote shell unless it is given NUL (rundeck/rundeck#2511). */
    static final String COMMAND = "wmic os get LastBootUpTime /value <nul";
    private static final Pattern VALUE = Pattern.compile("(?mi)^\\s*LastBootUpTime=(\\S*)\\s*$");

    @Override
    public Object visit(RemoteShell given, Object body) {
        HostRestart restart = (HostRestart) body;
        Instant boot;
        try {
            boot = read(restart.guard().fenced(given));
        } catch (IllegalArgumentException unreadable) {
            restart.notAnswering(Instant.now(), "boot time unreadable: " + unreadable.getMessage());
            return restart;
        }
        restart.answered(Instant.now(), boot);
        return restart;
    }

    /**
     * The host's boot time.
     *
     * @throws IllegalArgumentException when wmic did not print one
     */
    static Instant read(RemoteShell shell) {
        RemoteShell.CommandResult r = shell.run(COMMAND);
        Matcher m = VALUE.matcher(r.stdout());
        if (r.exitCode() != 0 || !m.find()) {
            throw new IllegalArgumentException("wmic exit " + r.exitCode() + ", no LastBootUpTime");
        }
        BootTime boot = BootTime.parseCim(m.group(1));
        if (boot == null) {
            throw new IllegalArgumentException("LastBootUpTime is empty");
        }
        return boot.instant();
    }
}
