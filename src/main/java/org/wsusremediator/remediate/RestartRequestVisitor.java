package org.wsusremediator.remediate;

import java.time.Instant;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.winrm.HostVisitor;
import org.wsusremediator.winrm.WinRmException;

/**
 * Asks a host to restart, in one short visit (docs/remediation-protocol.md, section 3a): unless the run may no longer
 * start a change (aborted, window ended), read the boot time, journal the restart with it, then send
 * {@code shutdown /r /t <delay> /c "<comment>"}. The command returns at once; the host goes down when the delay ends.
 * A shutdown already scheduled (1190) is waited for like ours; a connection that closes under the command (the host
 * went down quickly) was sent.
 */
public class RestartRequestVisitor implements HostVisitor {

    /** shutdown.exe's answer when a shutdown is already scheduled (ansible.windows _reboot.py handles the same). */
    static final int ALREADY_SCHEDULED = 1190;
    /** Server 2003's shutdown.exe takes a comment of at most 127 characters (shutdown -?). */
    static final int MAX_COMMENT = 127;

    @Override
    public Object visit(RemoteShell given, Object body) {
        HostRestart restart = (HostRestart) body;
        ChangeGuard guard = restart.guard();
        RemediationResult before = restart.report().remediation();
        String refusal = guard.restartRefusal();
        if (refusal != null) {
            restart.notRestarted(reboot(before, "not restarted: " + refusal));
            return restart;
        }
        RemoteShell shell = guard.fenced(given);
        Instant boot;
        try {
            boot = BootTimeVisitor.read(shell);
        } catch (IllegalArgumentException unreadable) {
            restart.notRestarted(reboot(before, "not restarted: the host's boot time cannot be read ("
                    + unreadable.getMessage() + "), so a restart could not be proven"));
            return restart;
        }
        String command = command(restart);
        guard.aboutToRestart(RestartNote.of(boot, command));
        Instant at = Instant.now();
        RemoteShell.CommandResult answer;
        try {
            answer = shell.run(command);
        } catch (WinRmException closed) {
            // The host may go down before its answer gets back (ansible.windows _reboot.py expects the same).
            restart.requested(at, command, boot, "the connection closed under the restart command ("
                    + closed.getMessage() + "): taken as sent");
            return restart;
        }
        if (answer.exitCode() == 0) {
            restart.requested(at, command, boot, null);
        } else if (answer.exitCode() == ALREADY_SCHEDULED) {
            restart.requested(at, command, boot, "a shutdown was already scheduled on the host (1190): waited for it");
        } else {
            restart.notRestarted(new RemediationResult(Outcome.FAILED, "RESTART_FAILED: shutdown exit " + answer.exitCode()
                    + " (" + (answer.stderr() + answer.stdout()).strip().replaceAll("[^ -~]", "?") + "); KB954960 is"
                    + " installed (DLL verified) and the host still needs a restart", before.exitCode(), true,
                    null, before.health()));
        }
        return restart;
    }

    /** The host stays REBOOT_REQUIRED, with why it was not restarted. */
    private static RemediationResult reboot(RemediationResult before, String why) {
        return new RemediationResult(Outcome.REBOOT_REQUIRED, before.reason() + "; " + why, before.exitCode(),
                before.irreversible(), null, before.health());
    }

    static String command(HostRestart restart) {
        long seconds = Math.max(1, (restart.settings().restartDelay().toMillis() + 999) / 1000);
        return "shutdown /r /t " + seconds + " /c \"" + comment(restart.runLabel()) + "\"";
    }

    /** Names the remediator, the KB and the run, within 127 characters and without anything cmd.exe would interpret. */
    static String comment(String runLabel) {
        String run = runLabel == null ? "" : runLabel.replaceAll("[^A-Za-z0-9._, -]", "").strip();
        String text = "wsus-remediator: restart to complete KB954960" + (run.isEmpty() ? "" : " (" + run + ")");
        return text.length() <= MAX_COMMENT ? text : text.substring(0, MAX_COMMENT);
    }
}
