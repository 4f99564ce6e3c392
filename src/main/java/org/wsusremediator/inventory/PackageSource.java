package org.wsusremediator.inventory;

import java.util.Locale;
import java.util.Objects;

/**
 * Where one KB954960 package comes from and the hash it must have once staged (docs/remediation-protocol.md, 1).
 *
 * @param source a UNC path ({@code \\server\share\...\file.exe}) or an http/https URL ending in the file name;
 *               free of the characters a Windows command line or a PowerShell string would interpret
 * @param sha256 64 lowercase hex digits
 */
public record PackageSource(String source, String sha256) {

    public PackageSource {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** Whether the package is downloaded (http/https) rather than copied from a share. */
    public boolean isUrl() {
        return !source.startsWith("\\\\");
    }

    /** The file name the package is staged under, e.g. {@code WSUS3.0SP1-KB954960-x64.exe}. */
    public String fileName() {
        int slash = Math.max(source.lastIndexOf('\\'), source.lastIndexOf('/'));
        return source.substring(slash + 1);
    }
}
