package org.wsusremediator.remediate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.wsusremediator.probe.PowerShellLine;
import org.wsusremediator.probe.RemoteShell;

/** Copies or downloads the package onto the host and has the host hash it, before anything runs. */
final class PackageStager {

    static final String STAGING_DIR = "C:\\Windows\\Temp\\wsus-remediator\\";
    private static final String SCRIPT = read();

    /** Where the package will lie on the host: the staging folder and the source's file name. */
    static String stagedPath(String source) {
        int cut = Math.max(source.lastIndexOf('\\'), source.lastIndexOf('/'));
        return STAGING_DIR + source.substring(cut + 1);
    }

    StagedPackage stage(RemoteShell shell, String source, boolean powerShell) {
        if (!PowerShellLine.safeForCommandLine(source) || source.indexOf('\'') >= 0) {
            return new StagedPackage(null, null, "the package source contains a character that cannot go into a command line");
        }
        String staged = stagedPath(source);
        if (powerShell) {
            String script = SCRIPT.replace("{source}", source).replace("{staged}", staged);
            RemoteShell.CommandResult result = shell.run(PowerShellLine.of(script));
            return StagedPackage.fromStageScript(result.stdout(), staged);
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            return new StagedPackage(null, null, "the host has no PowerShell to download " + source + "; use a UNC source");
        }
        RemoteShell.CommandResult result = shell.run("mkdir \"" + STAGING_DIR.substring(0, STAGING_DIR.length() - 1)
                + "\" 2>nul & copy /y \"" + source + "\" \"" + staged + "\" >nul & certutil -hashfile \"" + staged + "\" SHA256");
        return StagedPackage.fromCertutil(result.exitCode(), result.stdout(), result.stderr(), staged);
    }

    private static String read() {
        try (InputStream in = PackageStager.class.getResourceAsStream("/scripts/stage-package.ps1")) {
            return PowerShellLine.compact(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scripts/stage-package.ps1", e);
        }
    }
}
