package org.wsusremediator.remediate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The package as the host sees it after staging: where it lies and the SHA-256 the host computed, or why it
 * could not be staged. Parses the stage script's block and certutil's output (docs/remediation-protocol.md).
 */
public record StagedPackage(String path, String sha256, String error) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

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
            return new StagedPackage(path, null, "the staging script's output is incomplete");
        }
        if (hash == null || !HEX.matcher(hash).matches()) {
            return new StagedPackage(path, null, errors.length() > 0 ? errors.toString() : "no SHA-256 was computed");
        }
        return new StagedPackage(path, hash, null);
    }

    /** certutil prints the hash either as one run of hex digits or as byte pairs separated by spaces. */
    static StagedPackage fromCertutil(int exitCode, String stdout, String stderr, String path) {
        for (String raw : stdout.split("\r?\n")) {
            String candidate = raw.replace(" ", "").strip().toLowerCase(Locale.ROOT);
            if (HEX.matcher(candidate).matches()) {
                return new StagedPackage(path, candidate, null);
            }
        }
        String why = (stdout + " " + stderr).replaceAll("\\s+", " ").strip();
        return new StagedPackage(path, null, "certutil exit " + exitCode + ": " + (why.length() > 160 ? why.substring(0, 160) : why));
    }
}
