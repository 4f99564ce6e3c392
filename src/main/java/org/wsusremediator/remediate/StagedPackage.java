package org.wsusremediator.remediate;

import java.util.Locale;
import java.util.regex.Pattern;
import org.wsusremediator.probe.RemoteShell;

/**
 * The package as the host sees it after staging: where it lies and the SHA-256 the host computed, or why it
 * could not be staged or hashed. Parses the stage script's block and certutil's output (docs/remediation-protocol.md).
 *
 * @param hashUnverifiable the package may well be there, but the host cannot compute its SHA-256 (a certutil without
 *                         SHA-256, as on Server 2003): it must not run
 */
public record StagedPackage(String path, String sha256, String error, boolean hashUnverifiable) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    /** certutil's HRESULTs for a file or folder that is not there: the package was not staged. */
    private static final Pattern NOT_FOUND = Pattern.compile("0x80070002|0x80070003");

    public StagedPackage(String path, String sha256, String error) {
        this(path, sha256, error, false);
    }

    static StagedPackage failed(String path, String error) {
        return new StagedPackage(path, null, error, false);
    }

    public boolean matches(String expectedSha256) {
        return sha256 != null && sha256.equalsIgnoreCase(expectedSha256);
    }

    static StagedPackage fromStageScript(String stdout, String path) {
        String hash = null;
        StringBuilder errors = new StringBuilder();
        boolean header = false;
        boolean end = false;
        for (String raw : stdout.split("\r?\n")) {
            String line = raw.strip();
            if (line.equals("WSUSSTAGE 1")) {
                header = true;
            } else if (line.equals("END")) {
                end = true;
            } else if (line.startsWith("stage.sha256=")) {
                hash = line.substring("stage.sha256=".length()).toLowerCase(Locale.ROOT);
            } else if (line.startsWith("stage.error=")) {
                errors.append(errors.length() == 0 ? "" : "; ").append(line.substring("stage.error=".length()));
            }
        }
        if (!header || !end) {
            return failed(path, "the staging script's output is incomplete");
        }
        if (hash == null || !HEX.matcher(hash).matches()) {
            return failed(path, errors.length() > 0 ? errors.toString() : "no SHA-256 was computed");
        }
        return new StagedPackage(path, hash, null);
    }

    /**
     * certutil prints the hash either as one run of hex digits or as byte pairs separated by spaces. Without a
     * SHA-256 in its output: a file that is not there (0x80070002, 0x80070003) was not staged; anything else (e.g.
     * 0x80090008 NTE_BAD_ALGID, a certutil without SHA-256) leaves the hash unverifiable.
     */
    static StagedPackage fromCertutil(RemoteShell.CommandResult result, String path) {
        for (String raw : result.stdout().split("\r?\n")) {
            String candidate = raw.replace(" ", "").strip().toLowerCase(Locale.ROOT);
            if (HEX.matcher(candidate).matches()) {
                return new StagedPackage(path, candidate, null);
            }
        }
        String said = (result.stdout() + " " + result.stderr()).replaceAll("\\s+", " ").strip();
        String why = "certutil exit " + result.exitCode() + ": " + (said.length() > 160 ? said.substring(0, 160) : said);
        if (NOT_FOUND.matcher(said).find()) {
            return failed(path, why);
        }
        return new StagedPackage(path, null, "the host's certutil cannot compute SHA-256 (" + why + "), so the package's "
                + "hash cannot be checked; install PowerShell 2.0 (KB968929) on the host, or install the package by hand",
                true);
    }
}
