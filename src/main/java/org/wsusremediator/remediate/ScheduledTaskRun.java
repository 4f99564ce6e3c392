package org.wsusremediator.remediate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.winrm.WinRmException;

/**
 * Runs a command elevated on a UAC host: a one-time scheduled task as SYSTEM with the highest run level,
 * started, polled until it finishes, its exit code read, and the task deleted. A remote admin other than the
 * built-in Administrator gets a filtered token over WinRM; the task does not.
 *
 * <p>The task is also the host's own record of whether the installer started: a task that exists and has never
 * run, or none at all, means it did not. So a task that may have run is deleted only after that was journaled
 * ({@link TaskLog#ended}); if the journal cannot be written the task stays, and the next run reads its result
 * ({@link #inspect}) instead of starting the installer a second time.
 */
final class ScheduledTaskRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTaskRun.class);
    static final int STILL_RUNNING = 267009;
    static final int NEVER_RUN = 267011;
    /**
     * Columns of {@code schtasks /query /fo csv /v}, by position: the header's words are translated on other display
     * languages (and arrive as '?' when the console's code page cannot carry them), the order is not
     * (docs/simulator-localized-hosts.md).
     */
    static final int TASK_NAME_COLUMN = 1;
    static final int LAST_RESULT_COLUMN = 6;
    /**
     * schtasks' "task not found" (ERROR_FILE_NOT_FOUND), by the ASCII part of its words in en-US, de-DE and es-ES;
     * elsewhere the answer is not recognised and the caller's safe default applies.
     */
    private static final List<String> NOT_FOUND = List.of("cannot find the file specified",
            "kann die angegebene datei nicht finden", "no puede encontrar el archivo especificado");
    /** Every task this program creates is named so; recovery looks for all of them on a host it recovers. */
    static final String TASK_PREFIX = "WsusRemediator-";
    /** At most this many of our tasks are handled on one host in one visit (a bound; there should be one or none). */
    private static final int MAX_OWN_TASKS = 50;

    private final Duration pollInterval;

    ScheduledTaskRun(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** The task of one plan's install on a host: the same in every run of the plan, so a later run can find it. */
    static String taskName(String planOrRunId) {
        return TASK_PREFIX + "KB954960-" + planOrRunId;
    }

    /**
     * Tasks of ours other than {@code own} on a host being recovered (left by other plans' killed runs, or by a version
     * that created tasks with a trigger still ahead): each one that never ran is deleted, since it could only ever be
     * started, never tell anything (for its own plan's recovery "never run" and "absent" mean the same); one that ran
     * is kept, as its plan's recovery reads it to learn the installer's exit code, and reported. Returns what was
     * done, for the report ("" when there was nothing). Never throws for the host's answers; a lost connection
     * propagates.
     */
    String sweepOthers(RemoteShell shell, String own) {
        RemoteShell.CommandResult result = shell.run("schtasks /query /fo csv /v");
        if (result.exitCode() != 0) {
            return "";
        }
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        int seen = 0;
        for (TaskRow row : taskRows(result.stdout())) {
            String name = row.name();
            if (!name.startsWith(TASK_PREFIX) || name.equalsIgnoreCase(own) || seen++ >= MAX_OWN_TASKS) {
                continue;
            }
            boolean neverRun = row.lastResult() == NEVER_RUN;
            // a copy task (PackageStager) only ever staged a package: nothing to learn from it, ran or not
            boolean copyTask = name.startsWith(COPY_TASK_PREFIX);
            if ((neverRun || copyTask) && discard(shell, name)) {
                deleted.add(name);
            } else {
                kept.add(name + (neverRun ? " (never ran; could not be deleted)" : " (has run: kept for its plan's recovery)"));
            }
        }
        StringBuilder note = new StringBuilder();
        if (!deleted.isEmpty()) {
            LOG.warn("deleted scheduled tasks {} left by other runs", deleted);
            note.append("; deleted task(s) of other runs that never ran: ").append(String.join(", ", deleted));
        }
        if (!kept.isEmpty()) {
            LOG.warn("scheduled tasks of other runs remain: {}", kept);
            note.append("; WARNING: task(s) of other runs remain: ").append(String.join(", ", kept));
        }
        return note.toString();
    }

    /**
     * The task's definition: a one-time trigger at 00:00 of the day it is created, i.e. already past, so the Task
     * Scheduler never starts it by itself and only {@code schtasks /run} does; a task left on a host by a killed run
     * stays inert. No {@code /sd}: its date format follows the host's locale; {@code /st} is 24-hour HH:mm
     * everywhere. (The only moment 00:00 is not past is the first instant of a day.)
     */
    static String createCommand(String task, String commandLine) {
        return createCommand(task, commandLine, true);
    }

    /**
     * As {@link #createCommand(String, String)}; {@code /rl HIGHEST} only when {@code highestRunLevel}: Server 2003's
     * schtasks has no /rl (an invalid option there), and a SYSTEM task has a full token without it.
     */
    static String createCommand(String task, String commandLine, boolean highestRunLevel) {
        return "schtasks /create /tn \"" + task + "\" /tr \"" + commandLine.replace("\"", "\\\"")
                + "\" /sc once /st 00:00 /ru SYSTEM" + (highestRunLevel ? " /rl HIGHEST" : "") + " /f";
    }

    /** The one-time task that copies a plan's package from its share as SYSTEM (PackageStager). */
    static String copyTaskName(String planOrRunId) {
        return COPY_TASK_PREFIX + planOrRunId;
    }

    private static final String COPY_TASK_PREFIX = TASK_PREFIX + "Stage-";

    /** The program's exit code; throws {@link InstallFailure} for task trouble, {@link WinRmException} for the wire. */
    int run(RemoteShell shell, String task, String commandLine, Duration timeout, TaskLog log) {
        String create = createCommand(task, commandLine);
        expectSuccess(shell.run(create), "schtasks /create");
        log.created(task);
        // From the moment /run is sent the installer may be running, even if the answer never arrives.
        try {
            expectSuccess(shell.run("schtasks /run /tn \"" + task + "\""), "schtasks /run");
            return awaitEnd(shell, task, timeout);
        } finally {
            // Throws when the journal cannot be written: the task then stays on the host, as the proof it ran.
            log.ended(task);
            delete(shell, task, log);
        }
    }

    /**
     * A task started by an earlier visit: waits until it ends and returns its exit code; on timeout deletes it
     * (after {@link TaskLog#ended}) and throws INSTALL_TIMEOUT.
     */
    int finish(RemoteShell shell, String task, Duration timeout, TaskLog log) {
        try {
            return awaitEnd(shell, task, timeout);
        } finally {
            log.ended(task);
            delete(shell, task, log);
        }
    }

    private int awaitEnd(RemoteShell shell, String task, Duration timeout) {
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
    }

    /**
     * What the host says about a task an interrupted run may have left: absent, created but never run, running,
     * or ended with an exit code. Throws {@link InstallFailure} (UNKNOWN) when the answer cannot be read, and
     * {@link WinRmException} for the wire.
     */
    TaskFound inspect(RemoteShell shell, String task) {
        RemoteShell.CommandResult result = shell.run("schtasks /query /tn \"" + task + "\" /fo csv /v");
        if (result.exitCode() != 0 && saysNotFound(result.stderr())) {
            return new TaskFound(TaskFound.Kind.ABSENT, null);
        }
        expectSuccess(result, "schtasks /query", Outcome.UNKNOWN);
        TaskState state = parse(result, task);
        if (state.lastResult() == STILL_RUNNING) {
            return new TaskFound(TaskFound.Kind.RUNNING, null);
        }
        if (state.lastResult() == NEVER_RUN) {
            return new TaskFound(TaskFound.Kind.NEVER_RUN, null);
        }
        return new TaskFound(TaskFound.Kind.ENDED, state.lastResult());
    }

    /** Deletes a task that never ran; true when it is gone. */
    boolean discard(RemoteShell shell, String task) {
        RemoteShell.CommandResult deleted = shell.run("schtasks /delete /tn \"" + task + "\" /f");
        return deleted.exitCode() == 0 || saysNotFound(deleted.stderr());
    }

    /** A scheduled task as an interrupted run left it; {@code exitCode} only for ENDED. */
    record TaskFound(Kind kind, Integer exitCode) {
        enum Kind { ABSENT, NEVER_RUN, RUNNING, ENDED }
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
        return parse(result, task);
    }

    private static TaskState parse(RemoteShell.CommandResult result, String task) {
        for (TaskRow row : taskRows(result.stdout())) {
            if (row.name().equalsIgnoreCase(task)) {
                return new TaskState(row.lastResult());
            }
        }
        throw new InstallFailure(Outcome.UNKNOWN, "cannot read the state of task " + task + " from schtasks /query: no row "
                + "with that TaskName (column " + (TASK_NAME_COLUMN + 1) + ") and a decimal Last Result (column "
                + (LAST_RESULT_COLUMN + 1) + ") in: '" + excerpt(result.stdout()) + "'");
    }

    /** One task's row: its name without the leading backslash, and Last Result (signed decimal, e.g. -2147024894). */
    record TaskRow(String name, int lastResult) {
    }

    /**
     * The task rows of {@code schtasks /query /fo csv /v}, read by column position. A header row (repeated before each
     * folder's tasks, in the host's display language) is told from a task row by its Last Result column, which in a
     * task row is always a decimal number; rows too short or with anything else there are skipped.
     */
    static List<TaskRow> taskRows(String stdout) {
        List<TaskRow> rows = new ArrayList<>();
        for (String line : stdout.lines().filter(l -> !l.isBlank()).toList()) {
            List<String> fields = csvFields(line.strip());
            if (fields.size() <= LAST_RESULT_COLUMN) {
                continue;
            }
            Integer lastResult = resultCode(fields.get(LAST_RESULT_COLUMN).strip());
            if (lastResult == null) {
                continue;
            }
            String name = fields.get(TASK_NAME_COLUMN).strip();
            rows.add(new TaskRow(name.startsWith("\\") ? name.substring(1) : name, lastResult));
        }
        return rows;
    }

    /**
     * A Last Result: schtasks prints the task's exit code or HRESULT as a signed 32-bit decimal; an unsigned form
     * (4294967295) is folded to the same int. Null when the text is not such a number (a header's word).
     */
    static Integer resultCode(String text) {
        if (!text.matches("-?\\d{1,10}")) {
            return null;
        }
        long value = Long.parseLong(text);
        return value < Integer.MIN_VALUE || value > 0xFFFFFFFFL ? null : (int) value;
    }

    /** The start of an answer, on one line, bounded: enough to recognise it in a report. */
    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private static boolean saysNotFound(String stderr) {
        String lower = stderr == null ? "" : stderr.toLowerCase(java.util.Locale.ROOT);
        return NOT_FOUND.stream().anyMatch(lower::contains);
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
        expectSuccess(result, what, Outcome.FAILED);
    }

    private static void expectSuccess(RemoteShell.CommandResult result, String what, Outcome outcome) {
        if (result.exitCode() != 0) {
            throw new InstallFailure(outcome, what + " failed with exit code " + result.exitCode() + ": "
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

    /**
     * Running while Last Result is 267009 (SCHED_S_TASK_RUNNING); a task not yet started by /run shows 267011. The
     * Status column is not read: its words ("Running", "Wird ausgeführt", "実行中"...) depend on the display language.
     */
    private record TaskState(int lastResult) {
        boolean running() {
            return lastResult == STILL_RUNNING || lastResult == NEVER_RUN;
        }
    }

    /** What happened to the task, for the report: an admin must know if one was left on a host. */
    interface TaskLog {
        void created(String task);

        /**
         * The task may have run and is about to be deleted: journal it (a process lost after the deletion must
         * not take the task's absence for "never started"). Throws when it cannot; the task is then kept.
         */
        void ended(String task);

        void deleted(String task);

        void leftBehind(String task);
    }
}
