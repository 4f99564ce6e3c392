package org.wsusremediator.remediate;

import java.time.Duration;
import java.time.Instant;
import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Classification;
import org.wsusremediator.classify.Classifier;
import org.wsusremediator.classify.Sp1Dll;
import org.wsusremediator.host.Fingerprint;
import org.wsusremediator.host.HealthReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.inventory.PackageSource;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.ProbeResult;
import org.wsusremediator.probe.Prober;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.probe.Version;
import org.wsusremediator.winrm.HostVisitor;
import org.wsusremediator.winrm.WinRmException;

/**
 * Installs KB954960 on a WSUS 3.0 SP1 host in one visit (one shell): re-probe, stage and hash the package,
 * run the installer (elevated through a one-time SYSTEM task where UAC applies), then re-probe to verify.
 * Success is only ever reported on proof: the DLL at 3.1.6001.66 or later.
 */
public class KbInstallVisitor implements HostVisitor {

    private final Prober prober = new Prober();
    private final PackageStager stager;
    private final ScheduledTaskRun taskRun;

    public KbInstallVisitor() {
        this(Duration.ofSeconds(2));
    }

    KbInstallVisitor(Duration pollInterval) {
        this.taskRun = new ScheduledTaskRun(pollInterval);
        this.stager = new PackageStager(pollInterval);
    }

    @Override
    public Object visit(RemoteShell given, Object body) {
        RemediationTask task = (RemediationTask) body;
        RemoteShell shell = task.guard().fenced(given);
        ProbeResult before = prober.probe(shell);
        if (!before.succeeded()) {
            return done(task, RemediationResult.of(Outcome.NEEDS_REVIEW, "re-probe before installing failed: "
                    + before.failure().reason()), null);
        }
        if (task.guard().interrupted()) {
            return afterInterruptedRun(shell, task, before.facts());
        }
        return installIfStillApproved(shell, task, before.facts(), "");
    }

    /** The drift check and the decision, then the install: for a first attempt and for one that never started. */
    private Object installIfStillApproved(RemoteShell shell, RemediationTask task, Facts facts, String context) {
        String approved = task.guard().approvedFingerprint();
        if (approved != null && !approved.equals(Fingerprint.of(facts))) {
            return done(task, RemediationResult.of(Outcome.DRIFTED, context + "nothing installed: the host's facts "
                    + "changed since the plan was approved (now " + describeFacts(facts) + "); make a new plan"), facts);
        }
        Classification now = Classifier.classify(facts, task.host().rtmPolicy());
        if (now.action() != Action.INSTALL_KB) {
            return done(task, RemediationResult.of(Outcome.NO_CHANGE, context + "nothing installed: the host is now "
                    + now.action() + " (" + now.reason() + ")"), facts);
        }
        return install(shell, task, facts, now, context);
    }

    /**
     * An earlier run stopped after it may have started the installer. Where the installer runs as a scheduled
     * task (UAC hosts) the host can tell what happened, and is asked: no task, or a task that never ran, means the
     * installer never started, so the install is done now under the same approval; a task that ran (or still
     * runs) gives the installer's exit code, which is verified as after any install. The installer is never
     * started a second time. Only what the host cannot tell (a direct install on Server 2003, a task already
     * removed after it ran, an unreadable answer) stays UNKNOWN unless the DLL proves the fix.
     */
    private Object afterInterruptedRun(RemoteShell shell, RemediationTask task, Facts facts) {
        Instant restartFrom = task.guard().earlierRestartFrom();
        if (restartFrom != null) {
            return afterInterruptedRestart(shell, task, facts, restartFrom);
        }
        String name = ScheduledTaskRun.taskName(task.runId());
        TaskReport tasks = new TaskReport(task.guard());
        if (!facts.hasUac()) {
            // Installed directly, no task to ask: the DLL decides.
            return byDllAlone(shell, task, facts, "an interrupted run may have started the installer", "");
        }
        // Tasks of ours that other runs left: the never-run ones could only ever fire, so they go (reported).
        String swept = taskRun.sweepOthers(shell, name);
        String sweptNote = swept.isEmpty() ? "" : swept.substring(2) + "; ";
        if (task.guard().earlierChangeEnded()) {
            return afterEndedChange(shell, task, facts, name, sweptNote);
        }
        ScheduledTaskRun.TaskFound found;
        try {
            found = taskRun.inspect(shell, name);
        } catch (InstallFailure unreadable) {
            return done(sweptNote, task, new RemediationResult(Outcome.UNKNOWN, "an interrupted run may have started the"
                    + " installer and the host cannot tell (" + unreadable.getMessage() + "); the installer was NOT"
                    + " started again: check the host (and delete task " + name + " if it is there) and make a new plan",
                    null, true), facts);
        }
        switch (found.kind()) {
            case ABSENT, NEVER_RUN -> {
                if (found.kind() == ScheduledTaskRun.TaskFound.Kind.NEVER_RUN && !taskRun.discard(shell, name)) {
                    return done(sweptNote, task, new RemediationResult(Outcome.FAILED, "not acted on: task " + name
                            + " of an interrupted run never ran but could not be deleted; the installer was not started",
                            null, false), facts);
                }
                String context = sweptNote + "the interrupted run never started the installer (task " + name
                        + (found.kind() == ScheduledTaskRun.TaskFound.Kind.ABSENT ? " absent" : " never run, deleted")
                        + "): ";
                return installIfStillApproved(shell, task, facts, context);
            }
            case RUNNING, ENDED -> {
                String context = sweptNote + "the interrupted run's installer " + (found.kind()
                        == ScheduledTaskRun.TaskFound.Kind.ENDED ? "had ended" : "was still running") + " (task " + name
                        + "); not started again: ";
                int exitCode;
                try {
                    exitCode = found.kind() == ScheduledTaskRun.TaskFound.Kind.ENDED
                            ? endedTask(shell, name, found.exitCode(), tasks)
                            : taskRun.finish(shell, name, task.settings().installTimeout(), tasks);
                } catch (InstallFailure failure) {
                    return done(task, new RemediationResult(failure.outcome(), context + failure.getMessage()
                            + tasks.suffix(), null, true), facts);
                }
                return verify(shell, task, facts, exitCode, tasks, context);
            }
            default -> throw new IllegalStateException("unknown task state " + found.kind());
        }
    }

    /**
     * The interrupted run had journaled that its installer's task ran (ACTED), and may have died before deleting it:
     * a task still there tells the installer's exit code (3010: a reboot is required), and is deleted now (its end is
     * journaled already), so nothing of ours stays on the host. Without it the DLL and the pending-reboot flags decide.
     */
    private Object afterEndedChange(RemoteShell shell, RemediationTask task, Facts facts, String name, String sweptNote) {
        String taskNote;
        try {
            ScheduledTaskRun.TaskFound found = taskRun.inspect(shell, name);
            if (found.kind() == ScheduledTaskRun.TaskFound.Kind.ENDED) {
                TaskReport tasks = new TaskReport(task.guard());
                if (!taskRun.discard(shell, name)) {
                    tasks.leftBehind(name);
                }
                return verify(shell, task, facts, found.exitCode(), tasks, sweptNote + "the interrupted run's installer"
                        + " had ended (task " + name + ", read and deleted now); not started again: ");
            }
            taskNote = found.kind() == ScheduledTaskRun.TaskFound.Kind.ABSENT ? "since removed"
                    : taskRun.discard(shell, name) ? "left by it, deleted now"
                    : "left by it and could not be deleted: WARNING, delete it by hand";
        } catch (InstallFailure unreadable) {
            taskNote = "its state unreadable (" + unreadable.getMessage() + "): delete it by hand if it is there";
        }
        return byDllAlone(shell, task, facts, "an interrupted run ran the installer (task " + name + ", " + taskNote
                + ")", sweptNote);
    }

    /**
     * The interrupted run had installed and verified the KB, and journaled that it was about to restart the host, with
     * the boot time the host had then. The installer never runs again; the host's facts decide: a fixed DLL, a boot time
     * other than the journaled one (the restart happened) and a passing health check are REMEDIATED; the same boot time
     * means the restart did not happen (yet), so the host is REBOOT_REQUIRED, and restarted now if its approved settings
     * allow it (install-kb.camel.yaml).
     */
    private static Object afterInterruptedRestart(RemoteShell shell, RemediationTask task, Facts facts, Instant from) {
        Version dll = facts.dllVersion();
        String what = "an interrupted run had installed KB954960 and requested a restart (boot time before it: " + from
                + ")";
        if (Sp1Dll.of(dll) != Sp1Dll.FIXED) {
            return done(task, new RemediationResult(Outcome.UNKNOWN, what + "; the DLL is now " + (dll == null ? "missing"
                    : dll) + " and the installer was NOT started again: check the host and make a new plan", null, true),
                    facts);
        }
        Instant now = facts.lastBoot() == null ? null : facts.lastBoot().instant();
        if (now == null || now.equals(from)) {
            return done(task, new RemediationResult(Outcome.REBOOT_REQUIRED, what + "; the host " + (now == null
                    ? "did not tell its boot time" : "still has that boot time") + ", so it has not restarted: DLL at " + dll
                    + ", restart still required; the installer was not started again", 3010, true), facts);
        }
        HealthReport health = WsusHealth.check(shell, facts);
        String restarted = what + "; the host restarted (boot time now " + now + "), DLL at " + dll + ", ";
        if (!health.getPassed()) {
            return done(task, new RemediationResult(Outcome.FAILED_VERIFICATION, restarted + "but WSUS does not serve: "
                    + health.describe() + "; the installer was not started again", 3010, true).withHealth(health), facts);
        }
        return done(task, new RemediationResult(Outcome.REMEDIATED, "verified after an interrupted run: " + restarted
                + health.describe() + "; the installer was not started again", 3010, true).withHealth(health), facts);
    }

    /**
     * What only the host's present state can tell after an interrupted run: a fixed DLL with a reboot pending is
     * REBOOT_REQUIRED (the installer's 3010 is not forgotten), a fixed DLL otherwise REMEDIATED, anything else UNKNOWN.
     */
    private static Object byDllAlone(RemoteShell shell, RemediationTask task, Facts facts, String what, String sweptNote) {
        Version dll = facts.dllVersion();
        if (Sp1Dll.of(dll) == Sp1Dll.FIXED) {
            String reboot = PendingReboot.flags(shell);
            if (!reboot.isEmpty()) {
                return done(sweptNote, task, new RemediationResult(Outcome.REBOOT_REQUIRED, "verified after an"
                        + " interrupted run (" + what + "): DLL at " + dll + ", and a reboot is pending (" + reboot
                        + "); the installer was not started again", null, true), facts);
            }
            HealthReport health = WsusHealth.check(shell, facts);
            if (!health.getPassed()) {
                return done(sweptNote, task, new RemediationResult(Outcome.FAILED_VERIFICATION, "after an interrupted run ("
                        + what + "): DLL at " + dll + " but WSUS does not serve: " + health.describe()
                        + "; the installer was not started again", null, true).withHealth(health), facts);
            }
            return done(sweptNote, task, new RemediationResult(Outcome.REMEDIATED, "verified after an interrupted run ("
                    + what + "): DLL at " + dll + ", " + health.describe() + "; the installer was not started again", null,
                    true).withHealth(health), facts);
        }
        return done(sweptNote, task, new RemediationResult(Outcome.UNKNOWN, what + "; the DLL is " + (dll == null
                ? "missing" : dll) + " and the installer was NOT started again: check the host and make a new plan",
                null, true), facts);
    }

    /** A task that had ended: its removal is journaled first, then it is removed; its exit code is the installer's. */
    private int endedTask(RemoteShell shell, String name, int exitCode, TaskReport tasks) {
        tasks.ended(name);
        if (!taskRun.discard(shell, name)) {
            tasks.leftBehind(name);
        }
        return exitCode;
    }

    private static String describeFacts(Facts facts) {
        return "WSUS " + (facts.versionString() == null ? "absent" : facts.versionString()) + ", DLL "
                + (facts.dllVersion() == null ? "absent" : facts.dllVersion());
    }

    private Object install(RemoteShell shell, RemediationTask task, Facts facts, Classification decision, String context) {
        RemediationSettings settings = task.settings();
        PackageSource pkg = settings.packageFor(facts.architecture()).orElse(null);
        if (pkg == null) {
            return done(context, task, RemediationResult.of(Outcome.NEEDS_REVIEW, "no KB954960 package configured for "
                    + facts.architecture().label() + " (inventory remediation.packages)"), facts);
        }
        StagedPackage staged = stager.stage(shell, pkg.source(), facts.powerShellVersion() != null,
                ScheduledTaskRun.copyTaskName(task.runId()), PackageStager.copyTimeout(settings.installTimeout()));
        if (staged.error() != null) {
            return done(context, task, RemediationResult.of(Outcome.FAILED, (staged.hashUnverifiable()
                    ? "PACKAGE_HASH_UNVERIFIABLE: " : "PACKAGE_STAGING_FAILED: ") + staged.error()
                    + "; nothing was executed"), facts);
        }
        if (!staged.matches(pkg.sha256())) {
            return done(context, task, RemediationResult.of(Outcome.FAILED, "PACKAGE_HASH_MISMATCH: the inventory pins "
                    + pkg.sha256() + ", the host computed " + staged.sha256() + " for " + staged.path()
                    + "; nothing was executed"), facts);
        }
        String installer = "\"" + staged.path() + "\" " + settings.installerArguments();
        TaskReport tasks = new TaskReport(task.guard());
        String name = ScheduledTaskRun.taskName(task.runId());
        int exitCode;
        // Journaled before the installer starts: if this process dies now, the next run knows the host may have
        // changed, and asks the host (the task) whether it did.
        task.guard().aboutToChange(context + "installer " + staged.path()
                + (decision.elevationRequired() ? " (elevated task " + name + ")" : ""));
        try {
            exitCode = decision.elevationRequired()
                    ? taskRun.run(shell, name, installer, settings.installTimeout(), tasks)
                    : shell.run(installer).exitCode();
        } catch (InstallFailure failure) {
            return done(context, task, new RemediationResult(failure.outcome(), failure.getMessage() + tasks.suffix(), null,
                    true), facts);
        } catch (WinRmException lost) {
            return done(context, task, new RemediationResult(Outcome.UNKNOWN, "connection lost while installing ("
                    + lost.getMessage() + "): the host's state is unknown until it is probed again" + tasks.suffix(),
                    null, true), facts);
        }
        return verify(shell, task, facts, exitCode, tasks, context);
    }

    private Object verify(RemoteShell shell, RemediationTask task, Facts before, int exitCode, TaskReport tasks,
            String context) {
        if (exitCode == 1641) {
            return done(context, task, new RemediationResult(Outcome.REBOOT_STARTED, "installer exit 1641: the host is "
                    + "rebooting; the next run verifies the DLL" + tasks.suffix(), exitCode, true), before);
        }
        if (exitCode != 0 && exitCode != 3010) {
            return done(context, task, new RemediationResult(Outcome.FAILED, "INSTALLER_EXIT_" + exitCode
                    + ": the installer failed" + tasks.suffix(), exitCode, true), before);
        }
        ProbeResult after = prober.probe(shell);
        if (!after.succeeded()) {
            return done(context, task, new RemediationResult(Outcome.FAILED_VERIFICATION, "installer exit " + exitCode
                    + " but the re-probe failed: " + after.failure().reason() + tasks.suffix(), exitCode, true), before);
        }
        // The scan's rule: a DLL of another line is a mixed installation here too, never a verified fix.
        Version dll = after.facts().dllVersion();
        Sp1Dll state = Sp1Dll.of(dll);
        if (state == Sp1Dll.MIXED_INSTALLATION) {
            return done(context, task, new RemediationResult(Outcome.NEEDS_REVIEW, "installer exit " + exitCode + " but "
                    + Sp1Dll.mixedInstallation(dll) + tasks.suffix(), exitCode, true), after.facts());
        }
        if (state != Sp1Dll.FIXED) {
            return done(context, task, new RemediationResult(Outcome.FAILED_VERIFICATION, "installer exit " + exitCode
                    + " but the client web service DLL is " + (dll == null ? "missing" : dll) + ", not 3.1.6001.66"
                    + tasks.suffix(), exitCode, true), after.facts());
        }
        // After every install, restart or not: a fixed DLL in a WSUS that no longer serves is no remediation.
        HealthReport health = WsusHealth.check(shell, after.facts());
        if (exitCode == 3010) {
            String reboot = task.host().allowReboot() ? "the approved settings allow a restart: it follows, then the"
                    + " health check again" : "no reboot: the approved settings do not allow a restart (allowReboot false)";
            return done(context, task, new RemediationResult(Outcome.REBOOT_REQUIRED, "KB954960 installed, DLL at " + dll
                    + "; installer exit 3010 asks for a restart (" + reboot + "); before the restart: "
                    + health.describe() + tasks.suffix(), exitCode, true).withHealth(health), after.facts());
        }
        if (!health.getPassed()) {
            return done(context, task, new RemediationResult(Outcome.FAILED_VERIFICATION, "KB954960 installed, DLL at "
                    + dll + ", but WSUS does not serve: " + health.describe() + tasks.suffix(), exitCode, true)
                    .withHealth(health), after.facts());
        }
        return done(context, task, new RemediationResult(Outcome.REMEDIATED, "KB954960 installed and verified: DLL at "
                + dll + ", " + health.describe() + tasks.suffix(), exitCode, true).withHealth(health), after.facts());
    }

    private static Object done(RemediationTask task, RemediationResult result, Facts latest) {
        return task.report().withRemediation(result, latest);
    }

    /** As {@link #done(RemediationTask, RemediationResult, Facts)}, the reason preceded by what recovery found. */
    private static Object done(String context, RemediationTask task, RemediationResult result, Facts latest) {
        return done(task, context.isEmpty() ? result : new RemediationResult(result.outcome(), context + result.reason(),
                result.exitCode(), result.irreversible(), result.restart(), result.health()), latest);
    }

    /** Journals that the task ran before it is removed, and collects what happened to it so the report can say it. */
    private static final class TaskReport implements ScheduledTaskRun.TaskLog {

        private final ChangeGuard guard;
        private String leftBehind;

        TaskReport(ChangeGuard guard) {
            this.guard = guard;
        }

        @Override
        public void ended(String task) {
            guard.changeEnded("installer task " + task + " ran; removing it, then verifying");
        }

        @Override
        public void created(String task) {
            // only the exceptional path is reported
        }

        @Override
        public void deleted(String task) {
            // the normal path: nothing left on the host
        }

        @Override
        public void leftBehind(String task) {
            leftBehind = task;
        }

        String suffix() {
            return leftBehind == null ? "" : "; WARNING: scheduled task " + leftBehind + " could not be deleted";
        }
    }
}
