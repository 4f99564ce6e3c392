package org.wsusremediator.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remediator's staging script (scripts/stage-package.ps1, docs/remediation-protocol.md section 1), recognised
 * by its first line: copies (UNC) or downloads (URL) {@code $src} from the fleet's packages to {@code $dst}, creating
 * the folder, and prints the {@code WSUSSTAGE 1} block with the staged file's SHA-256; with {@code $src = ''} it only
 * hashes {@code $dst} (staged by the SYSTEM task). A UNC source is read as the shell's account sees the share
 * ({@link ShareAccess}: from a WinRM shell, denied). A source the fleet does not
 * offer leaves {@code stage.sha256} empty and says why in {@code stage.error}, in Windows' own words. Exit code 0
 * always. Fault packageTampered stages other bytes.
 */
final class StageScript implements PowerShellScript {

    static final String MARKER = "# wsus-remediator stage v1";
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^\\s*\\$(src|dst)\\s*=\\s*'((?:[^']|'')*)'\\s*;?\\s*$");

    @Override
    public int run(PowerShellCall call) {
        String src = value(call.script(), "src").orElse("");
        String dst = value(call.script(), "dst").orElse("");
        SimulatedHost host = call.host();
        String sha256 = "";
        String error = null;
        if (dst.isEmpty()) {
            error = "Cannot bind argument to parameter 'Path' because it is an empty string.";
        } else if (src.isEmpty()) {
            // hash only: the package was staged already (by the SYSTEM task, from a share)
            Optional<SimulatedFile> staged = host.files().get(dst);
            if (staged.isPresent()) {
                sha256 = PackageSpec.sha256Hex(staged.get().content());
            } else {
                error = "Cannot find path '" + dst + "' because it does not exist.";
            }
        } else {
            host.files().makeDirectories(SimulatedFileSystem.parentOf(dst));
            Optional<PackageSpec> pkg = isUrl(src) ? host.packageAt(src) : Optional.empty();
            boolean denied = false;
            if (!isUrl(src)) {
                ShareAccess.Read read = ShareAccess.read(call.commandCall(), src);
                pkg = read.pkg();
                denied = read.denied();
            }
            if (pkg.isPresent()) {
                sha256 = host.stagePackage(pkg.get(), dst);
            } else if (denied) {
                // Copy-Item's UnauthorizedAccessException, as over WinRM with NTLM (diyan/pywinrm#350)
                error = "Access to the path '" + src + "' is denied.";
            } else {
                error = isUrl(src)
                        ? "Exception calling \"DownloadFile\" with \"2\" argument(s): \"The remote server returned an error: (404) Not Found.\""
                        : "Cannot find path '" + src + "' because it does not exist.";
            }
        }
        call.outLine("WSUSSTAGE 1");
        call.outLine("stage.path=" + dst);
        call.outLine("stage.sha256=" + sha256);
        if (error != null) {
            call.outLine("stage.error=" + error);
        }
        call.outLine("END");
        return 0;
    }

    private static boolean isUrl(String source) {
        return source.regionMatches(true, 0, "http://", 0, 7) || source.regionMatches(true, 0, "https://", 0, 8);
    }

    /** The value of {@code $name = '...'} (PowerShell single quotes: '' is one quote). */
    static Optional<String> value(String script, String name) {
        Matcher m = ASSIGNMENT.matcher(script);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return Optional.of(m.group(2).replace("''", "'"));
            }
        }
        return Optional.empty();
    }
}
