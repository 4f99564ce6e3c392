package org.wsusremediator.remediate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.winrm.WinRmException;

/**
 * Runs a command elevated on a UAC host: a one-time scheduled task as SYSTEM with the highest run level,
 * started, polled until it finishes, its exit code read, and the task deleted on every path. A remote admin
 * other than the built-in Administrator gets a filtered token over WinRM; the task does not.
 */
final class ScheduledTaskRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTaskRun.class);
    private static final int STILL_RUNNING = 267009;
    private static final int NEVER_RUN = 267011;

    private final Duration pollInterval;

    ScheduledTaskRun(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** The program's exit code; throws {@link InstallFailure} for task trouble, {@link WinRmException} for the wire. */
    int run(RemoteShell shell, String task, String commandLine, Duration timeout, TaskLog log) {
        String create = "schtasks /create /tn \"" + task + "\" /tr \"" + commandLine.replace("\"", "\\\"")
                + "\" /sc once /st 23:59 /ru SYSTEM /rl HIGHEST /f";
        expectSuccess(shell.run(create), "schtasks /create");
        log.created(task);
        try {
            expectSuccess(shell.run("schtasks /run /tn \"" + task + "\""), "schtasks /run");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                TaskState state = query(shell, task);
                if (!state.running()) {
                    return state.lastResult();
                }
                if (System.nanoTime() > deadline) {
                    throw new InstallFailure(Outcome.FAILED, "INSTALL_TIMEOUT: task " + task + " still running after "
                            + timeout.toSeconds() + " s; the task was deleted, the installer may still finish");
                }
                sleep();
            }
        } finally {
            delete(shell, task, log);
        }
    }

    private void delete(RemoteShell shell, String task, TaskLog log) {
        try {
            RemoteShell.CommandResult deleted = shell.run("schtasks /delete /tn \"" + task + "\" /f");
            if (deleted.exitCode() == 0) {
                log.deleted(task);
                return;
            }
            LOG.warn("task {} could not be deleted: {}", task, deleted.stderr().strip());
        } catch (WinRmException lost) {
            LOG.warn("task {} could not be deleted: {}", task, lost.getMessage());
        }
        log.leftBehind(task);
    }

    private static TaskState query(RemoteShell shell, String task) {
        RemoteShell.CommandResult result = shell.run("schtasks /query /tn \"" + task + "\" /fo csv /v");
        expectSuccess(result, "schtasks /query");
        try {
            List<List<String>> rows = result.stdout().lines().filter(l -> !l.isBlank()).map(ScheduledTaskRun::csvFields).toList();
            List<String> header = rows.get(0);
            List<String> row = rows.get(1);
            String status = row.get(header.indexOf("Status"));
            int lastResult = Integer.parseInt(row.get(header.indexOf("Last Result")).strip());
            boolean running = "Running".equalsIgnoreCase(status.strip()) || lastResult == STILL_RUNNING || lastResult == NEVER_RUN;
            return new TaskState(running, lastResult);
        } catch (RuntimeException unreadable) {
            throw new InstallFailure(Outcome.UNKNOWN, "cannot read the state of task " + task + " from schtasks /query: "
                    + unreadable.getMessage());
        }
    }

    /** One row of schtasks' CSV: every field quoted, a quote inside a field doubled. */
    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static void expectSuccess(RemoteShell.CommandResult result, String what) {
        if (result.exitCode() != 0) {
            throw new InstallFailure(Outcome.FAILED, what + " failed with exit code " + result.exitCode() + ": "
                    + (result.stderr() + result.stdout()).replaceAll("\\s+", " ").strip());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallFailure(Outcome.UNKNOWN, "interrupted while waiting for the install task");
        }
    }

    private record TaskState(boolean running, int lastResult) {
    }

    /** What happened to the task, for the report: an admin must know if one was left on a host. */
    interface TaskLog {
        void created(String task);

        void deleted(String task);

        void leftBehind(String task);
    }
}
