package org.wsusremediator.simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A task registered with {@code schtasks /create} on a simulated host. {@code schtasks /run} runs its command at
 * once (the install takes effect then), but the task reports {@code Running} with Last Result 267009 to the first
 * query after the run and for {@link #RUNNING_FOR_NANOS} after it, so a caller has to poll; then {@code Ready} with
 * the program's exit code. A program that never ends (fault taskNeverFinishes) keeps it Running.
 */
public final class ScheduledTask {

    /** Last Result while the task runs (SCHED_S_TASK_RUNNING). */
    public static final int RUNNING = 267009;
    /** Last Result of a task that has never run (SCHED_S_TASK_HAS_NOT_RUN). */
    public static final int NEVER_RUN = 267011;
    static final long RUNNING_FOR_NANOS = 1_000_000_000L;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    private final String name;
    private final String taskToRun;
    private final String runAs;
    private final boolean highestRunLevel;
    private final String author;
    private final LocalDateTime created;
    private final LocalDateTime trigger;
    private boolean triggerFired;
    private int runs;
    private long startedNanos;
    private String lastRunTime = "N/A";
    private int queriesSinceRun;
    private Integer exitCode;
    private boolean neverEnds;

    /**
     * @param created when {@code /create} ran, on the host's clock
     * @param trigger the one-time trigger's start (the /sd date, else the creation day, at /st): the Task Scheduler
     *                starts the task then by itself, unless that moment was already past when the task was created
     */
    ScheduledTask(String name, String taskToRun, String runAs, boolean highestRunLevel, LocalDateTime created,
            LocalDateTime trigger, String author) {
        this.name = name;
        this.taskToRun = taskToRun;
        this.runAs = runAs;
        this.highestRunLevel = highestRunLevel;
        this.created = created;
        this.trigger = trigger;
        this.author = author;
    }

    /** The one-time trigger's start on the host's clock. */
    public LocalDateTime trigger() {
        return trigger;
    }

    /**
     * Whether the trigger starts the task by itself at {@code now}: its time has come and it was still ahead when the
     * task was created (a one-time trigger already past at creation never fires; "run as soon as possible after a
     * scheduled start is missed" is off for tasks schtasks creates). Takes the firing: true only once.
     */
    synchronized boolean takeTriggerFiring(LocalDateTime now) {
        if (triggerFired || !trigger.isAfter(created) || trigger.isAfter(now)) {
            return false;
        }
        triggerFired = true;
        return true;
    }

    public String name() {
        return name;
    }

    /** The /tr command line, with the quoting schtasks removes already removed. */
    public String taskToRun() {
        return taskToRun;
    }

    /** The /ru account as given (e.g. SYSTEM); null when none was given. */
    public String runAs() {
        return runAs;
    }

    /** Who created it (the account a task without /ru runs as). */
    public String author() {
        return author;
    }

    public boolean highestRunLevel() {
        return highestRunLevel;
    }

    /** How often {@code schtasks /run} started it. */
    public synchronized int runCount() {
        return runs;
    }

    /** Running or Ready, as a query now would show it (without counting as a query). */
    public synchronized String status() {
        return running(System.nanoTime()) ? "Running" : "Ready";
    }

    /** Last Result as a query now would show it: 267011 never run, 267009 running, else the exit code. */
    public synchronized int lastResult() {
        return runs == 0 ? NEVER_RUN : running(System.nanoTime()) ? RUNNING : exitCode;
    }

    synchronized void started(Integer exitCode, long nowNanos, LocalDateTime hostTime) {
        runs++;
        startedNanos = nowNanos;
        queriesSinceRun = 0;
        lastRunTime = hostTime.format(DATE_TIME);
        this.neverEnds = exitCode == null;
        this.exitCode = exitCode;
    }

    private boolean running(long nowNanos) {
        return runs > 0 && (neverEnds || queriesSinceRun == 0 || nowNanos - startedNanos < RUNNING_FOR_NANOS);
    }

    /** The header row of {@code schtasks /query /fo csv /v} in a host's display language. */
    static String csvHeader(ConsoleText text) {
        return csv(text.schtasksHeader().toArray(String[]::new));
    }

    /** The row {@code schtasks /query /fo csv /v} prints; counts as one query (the polling model above). */
    synchronized String queryCsvRow(String hostName, ConsoleText text) {
        long now = System.nanoTime();
        boolean running = running(now);
        String status = running ? text.running() : text.ready();
        String lastResult = Integer.toString(runs == 0 ? NEVER_RUN : running ? RUNNING : exitCode);
        if (runs > 0) {
            queriesSinceRun++;
        }
        LocalDateTime start = trigger;
        String nextRun = !triggerFired && start.isAfter(created) ? start.format(DATE_TIME) : "N/A";
        return csv(hostName, "\\" + name, nextRun, status, "Interactive/Background", lastRunTime, lastResult, author,
                taskToRun, "N/A", "N/A", text.enabled(), "Disabled", "Stop On Battery Mode, No Start On Batteries",
                runAs == null ? author : runAs, "Disabled", "72:00:00", "Scheduling data is not available in this format.",
                "One Time Only", start.format(DateTimeFormatter.ofPattern("h:mm:ss a", Locale.US)),
                start.format(DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US)), "N/A", "N/A", "N/A",
                "Disabled", "Disabled", "Disabled", "Disabled");
    }

    private static String csv(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append('"').append(f.replace("\"", "\"\"")).append('"');
        }
        return b.toString();
    }

    @Override
    public synchronized String toString() {
        return "task \\" + name + " (" + status() + ", runs " + runs + ")";
    }
}
