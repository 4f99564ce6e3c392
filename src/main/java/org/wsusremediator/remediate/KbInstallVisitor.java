package org.wsusremediator.remediate;

import java.time.Duration;
import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Classification;
import org.wsusremediator.classify.Classifier;
import org.wsusremediator.classify.Sp1Dll;
import org.wsusremediator.inventory.PackageSource;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.plan.Fingerprint;
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
    private final PackageStager stager = new PackageStager();
    private final ScheduledTaskRun taskRun;

    public KbInstallVisitor() {
        this(Duration.ofSeconds(2));
    }

    KbInstallVisitor(Duration pollInterval) {
        this.taskRun = new ScheduledTaskRun(pollInterval);
    }

    @Override
    public Object visit(RemoteShell shell, Object body) {
        RemediationTask task = (RemediationTask) body;
        ProbeResult before = prober.probe(shell);
        if (!before.succeeded()) {
            return done(task, RemediationResult.of(Outcome.NEEDS_REVIEW, "re-probe before installing failed: "
                    + before.failure().reason()), null);
        }
        if (task.guard().interrupted()) {
            return afterInterruptedRun(task, before.facts());
        }
        String approved = task.guard().approvedFingerprint();
        if (approved != null && !approved.equals(Fingerprint.of(before.facts()))) {
            return done(task, RemediationResult.of(Outcome.DRIFTED, "nothing installed: the host's facts changed "
                    + "since the plan was approved (now " + describeFacts(before.facts()) + "); make a new plan"),
                    before.facts());
        }
        Classification now = Classifier.classify(before.facts(), task.host().rtmPolicy());
        if (now.action() != Action.INSTALL_KB) {
            return done(task, RemediationResult.of(Outcome.NO_CHANGE, "nothing installed: the host is now "
                    + now.action() + " (" + now.reason() + ")"), before.facts());
        }
        return install(shell, task, before.facts(), now);
    }

    /**
     * An earlier run stopped after it may have started the installer: the installer may have run, may still be
     * running, or may never have started. It is never started a second time; the DLL decides.
     */
    private static Object afterInterruptedRun(RemediationTask task, Facts facts) {
        Version dll = facts.dllVersion();
        if (Sp1Dll.of(dll) == Sp1Dll.FIXED) {
            return done(task, new RemediationResult(Outcome.REMEDIATED, "verified after an interrupted run: DLL at "
                    + dll + "; the installer was not started again", null, true), facts);
        }
        return done(task, new RemediationResult(Outcome.UNKNOWN, "an interrupted run may have started the installer;"
                + " the DLL is " + (dll == null ? "missing" : dll) + " and the installer was NOT started again: check "
                + "the host (task WsusRemediator-KB954960-" + task.runId() + ") and make a new plan", null, true), facts);
    }

    private static String describeFacts(Facts facts) {
        return "WSUS " + (facts.versionString() == null ? "absent" : facts.versionString()) + ", DLL "
                + (facts.dllVersion() == null ? "absent" : facts.dllVersion());
    }

    private Object install(RemoteShell shell, RemediationTask task, Facts facts, Classification decision) {
        RemediationSettings settings = task.settings();
        PackageSource pkg = settings.packageFor(facts.architecture()).orElse(null);
        if (pkg == null) {
            return done(task, RemediationResult.of(Outcome.NEEDS_REVIEW, "no KB954960 package configured for "
                    + facts.architecture().label() + " (inventory remediation.packages)"), facts);
        }
        StagedPackage staged = stager.stage(shell, pkg.source(), facts.powerShellVersion() != null);
        if (staged.error() != null) {
            return done(task, RemediationResult.of(Outcome.FAILED, "PACKAGE_STAGING_FAILED: " + staged.error()
                    + "; nothing was executed"), facts);
        }
        if (!staged.matches(pkg.sha256())) {
            return done(task, RemediationResult.of(Outcome.FAILED, "PACKAGE_HASH_MISMATCH: the inventory pins "
                    + pkg.sha256() + ", the host computed " + staged.sha256() + " for " + staged.path()
                    + "; nothing was executed"), facts);
        }
        String installer = "\"" + staged.path() + "\" " + settings.installerArguments();
        TaskReport tasks = new TaskReport();
        int exitCode;
        // Journaled before the installer starts: if this process dies now, the next run knows the host may have
        // changed and only verifies it.
        task.guard().aboutToChange("installer " + staged.path() + (decision.elevationRequired() ? " (elevated task)" : ""));
        try {
            exitCode = decision.elevationRequired()
                    ? taskRun.run(shell, "WsusRemediator-KB954960-" + task.runId(), installer, settings.installTimeout(), tasks)
                    : shell.run(installer).exitCode();
        } catch (InstallFailure failure) {
            return done(task, new RemediationResult(failure.outcome(), failure.getMessage() + tasks.suffix(), null,
                    true), facts);
        } catch (WinRmException lost) {
            return done(task, new RemediationResult(Outcome.UNKNOWN, "connection lost while installing ("
                    + lost.getMessage() + "): the host's state is unknown until it is probed again" + tasks.suffix(),
                    null, true), facts);
        }
        return verify(shell, task, facts, exitCode, tasks);
    }

    private Object verify(RemoteShell shell, RemediationTask task, Facts before, int exitCode, TaskReport tasks) {
        if (exitCode == 1641) {
            return done(task, new RemediationResult(Outcome.REBOOT_STARTED, "installer exit 1641: the host is "
                    + "rebooting; the next run verifies the DLL" + tasks.suffix(), exitCode, true), before);
        }
        if (exitCode != 0 && exitCode != 3010) {
            return done(task, new RemediationResult(Outcome.FAILED, "INSTALLER_EXIT_" + exitCode
                    + ": the installer failed" + tasks.suffix(), exitCode, true), before);
        }
        ProbeResult after = prober.probe(shell);
        if (!after.succeeded()) {
            return done(task, new RemediationResult(Outcome.FAILED_VERIFICATION, "installer exit " + exitCode
                    + " but the re-probe failed: " + after.failure().reason() + tasks.suffix(), exitCode, true), before);
        }
        // The scan's rule: a DLL of another line is a mixed installation here too, never a verified fix.
        Version dll = after.facts().dllVersion();
        Sp1Dll state = Sp1Dll.of(dll);
        if (state == Sp1Dll.MIXED_INSTALLATION) {
            return done(task, new RemediationResult(Outcome.NEEDS_REVIEW, "installer exit " + exitCode + " but "
                    + Sp1Dll.mixedInstallation(dll) + tasks.suffix(), exitCode, true), after.facts());
        }
        if (state != Sp1Dll.FIXED) {
            return done(task, new RemediationResult(Outcome.FAILED_VERIFICATION, "installer exit " + exitCode
                    + " but the client web service DLL is " + (dll == null ? "missing" : dll) + ", not 3.1.6001.66"
                    + tasks.suffix(), exitCode, true), after.facts());
        }
        if (exitCode == 3010) {
            String reboot = task.host().allowReboot() ? "reboot allowed but not started by this version"
                    : "no reboot: the inventory does not allow it";
            return done(task, new RemediationResult(Outcome.REBOOT_REQUIRED, "KB954960 installed, DLL at " + dll
                    + "; installer exit 3010 asks for a reboot (" + reboot + ")" + tasks.suffix(), exitCode, true),
                    after.facts());
        }
        return done(task, new RemediationResult(Outcome.REMEDIATED, "KB954960 installed and verified: DLL at "
                + dll + tasks.suffix(), exitCode, true), after.facts());
    }

    private static Object done(RemediationTask task, RemediationResult result, Facts latest) {
        return task.report().withRemediation(result, latest);
    }

    /** Collects what happened to the scheduled task so the report can say it. */
    private static final class TaskReport implements ScheduledTaskRun.TaskLog {

        private String leftBehind;

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
