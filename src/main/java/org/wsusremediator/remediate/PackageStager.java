package org.wsusremediator.remediate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.wsusremediator.probe.PowerShellLine;
import org.wsusremediator.probe.RemoteShell;

/**
 * Puts the package onto the host and has the host hash it, before anything runs (docs/remediation-protocol.md
 * section 1). A URL is downloaded by the WinRM shell itself (PowerShell's WebClient). A UNC source is not: the
 * shell's logon (NTLM, or Kerberos without delegation) has no credentials for a second hop, and the share sees it as
 * ANONYMOUS LOGON (the double hop, diyan/pywinrm#303). A one-time scheduled task as SYSTEM copies it instead, and the
 * share sees the host's computer account (DOMAIN\HOST$): the share must grant that read access.
 */
final class PackageStager {

    static final String STAGING_DIR = "C:\\Windows\\Temp\\wsus-remediator\\";
    private static final String STAGING_FOLDER = STAGING_DIR.substring(0, STAGING_DIR.length() - 1);
    /** What the copy task prints into its log, and the last line it writes there. */
    static final String COPY_LOG = STAGING_DIR + "stage.log";
    static final String COPY_ENDED = "##end";
    /** schtasks refuses a /tr command longer than this (its documentation: "must not exceed 261 characters"). */
    static final int MAX_TASK_COMMAND = 261;
    /** A copy of one package takes minutes; waiting for it is bounded apart from the (long) install timeout. */
    static final Duration MAX_COPY_WAIT = Duration.ofMinutes(30);
    private static final String SCRIPT = read();

    private final Duration pollInterval;

    PackageStager(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** Where the package will lie on the host: the staging folder and the source's file name. */
    static String stagedPath(String source) {
        int cut = Math.max(source.lastIndexOf('\\'), source.lastIndexOf('/'));
        return STAGING_DIR + source.substring(cut + 1);
    }

    /** How long to wait for the copy task: the install timeout, at most {@link #MAX_COPY_WAIT}. */
    static Duration copyTimeout(Duration installTimeout) {
        return installTimeout.compareTo(MAX_COPY_WAIT) < 0 ? installTimeout : MAX_COPY_WAIT;
    }

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /**
     * Stages {@code source} and hashes it on the host. {@code copyTask} names the SYSTEM task that copies a UNC
     * source; {@code timeout} bounds the wait for it. Throws only for the wire ({@code WinRmException}).
     */
    StagedPackage stage(RemoteShell shell, String source, boolean powerShell, String copyTask, Duration timeout) {
        if (!PowerShellLine.safeForCommandLine(source) || source.indexOf('\'') >= 0) {
            return StagedPackage.failed(null, "the package source contains a character that cannot go into a command line");
        }
        String staged = stagedPath(source);
        if (isUrl(source)) {
            if (!powerShell) {
                return StagedPackage.failed(null, "the host has no PowerShell to download " + source + "; use a UNC source");
            }
            return StagedPackage.fromStageScript(shell.run(PowerShellLine.of(script(source, staged))).stdout(), staged);
        }
        String copyLog;
        try {
            copyLog = copyAsSystem(shell, source, staged, copyTask, timeout);
        } catch (InstallFailure failure) {
            return StagedPackage.failed(staged, failure.getMessage());
        }
        StagedPackage hashed = powerShell
                ? StagedPackage.fromStageScript(shell.run(PowerShellLine.of(script("", staged))).stdout(), staged)
                : StagedPackage.fromCertutil(shell.run("certutil -hashfile \"" + staged + "\" SHA256"), staged);
        if (hashed.error() != null && !hashed.hashUnverifiable()) {
            return StagedPackage.failed(staged, "the SYSTEM task did not copy " + source + " (" + copyLog + "); "
                    + hashed.error() + ". The task reads the share as the host's computer account (DOMAIN\\HOST$): the "
                    + "share and its folder must grant it read access (e.g. to Domain Computers)");
        }
        return hashed;
    }

    /**
     * The copy by a one-time SYSTEM task: it writes copy's own words and an end line into a log in the staging folder,
     * which is read until the end line is there (the same on Server 2003, whose schtasks cannot query one task by
     * name, and on later Windows). No /RL: SYSTEM has a full token anyway, and 2003's schtasks has no such option.
     * Returns the log without the end line; the task is deleted in every case.
     */
    private String copyAsSystem(RemoteShell shell, String source, String staged, String task, Duration timeout) {
        // Into the folder (named without its trailing backslash, which would escape the quote after it): the file
        // name is not repeated, which leaves the source more of schtasks' 261 characters.
        String taskCommand = "cmd /c copy /y \"" + source + "\" \"" + STAGING_FOLDER + "\" >\"" + COPY_LOG + "\" 2>&1 & echo "
                + COPY_ENDED + ">>\"" + COPY_LOG + "\"";
        if (taskCommand.length() > MAX_TASK_COMMAND) {
            throw new InstallFailure(null, "the package source is too long for the copy task's command ("
                    + taskCommand.length() + " characters; schtasks takes at most " + MAX_TASK_COMMAND + "): use a shorter UNC path");
        }
        // A package or log left by an earlier attempt must not pass for this one's.
        shell.run("mkdir \"" + STAGING_FOLDER + "\" 2>nul & del /f /q \"" + staged
                + "\" \"" + COPY_LOG + "\" 2>nul");
        expectSuccess(shell.run(ScheduledTaskRun.createCommand(task, taskCommand, false)), "schtasks /create (copy task)");
        try {
            expectSuccess(shell.run("schtasks /run /tn \"" + task + "\""), "schtasks /run (copy task)");
            return awaitLog(shell, task, timeout);
        } finally {
            shell.run("schtasks /delete /tn \"" + task + "\" /f");
        }
    }

    private String awaitLog(RemoteShell shell, String task, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RemoteShell.CommandResult log = shell.run("type \"" + COPY_LOG + "\"");
            if (log.exitCode() == 0 && log.stdout().contains(COPY_ENDED)) {
                String text = log.stdout().replace(COPY_ENDED, " ").replaceAll("\\s+", " ").strip();
                return text.length() > 200 ? text.substring(0, 200) : text;
            }
            if (System.nanoTime() > deadline) {
                throw new InstallFailure(null, "the copy task " + task + " did not finish within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallFailure(null, "interrupted while waiting for the copy task " + task);
            }
        }
    }

    private static void expectSuccess(RemoteShell.CommandResult result, String what) {
        if (result.exitCode() != 0) {
            throw new InstallFailure(null, what + " failed with exit code " + result.exitCode() + ": "
                    + (result.stderr() + result.stdout()).replaceAll("\\s+", " ").strip());
        }
    }

    /** The staging script for {@code source} (empty: hash {@code staged} only) and {@code staged}. */
    private static String script(String source, String staged) {
        return SCRIPT.replace("{source}", source).replace("{staged}", staged);
    }

    private static String read() {
        try (InputStream in = PackageStager.class.getResourceAsStream("/scripts/stage-package.ps1")) {
            return PowerShellLine.compact(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scripts/stage-package.ps1", e);
        }
    }
}
