package org.wsusremediator.simulator;


/**
 * A file on a simulated host: text content (for logs, scripts, task output) and, for binaries, a file version.
 * A version resource has two versions, and tools read different ones: the numeric fixed part (what PowerShell's
 * FileVersionInfo gives as FileMajorPart...FilePrivatePart) and the FileVersion string (what
 * {@code wmic datafile ... get Version} prints), which need not be a version at all.
 *
 * @param content     the text
 * @param fileVersion the numeric file version; 0.0.0.0 for a binary without version information, null for text
 * @param versionText the FileVersion string; null means the numeric version's text, "" means none (no version
 *                    information: wmic prints an empty Version)
 */
public record SimulatedFile(String content, WindowsVersion fileVersion, String versionText) {

    private static final WindowsVersion NO_VERSION = WindowsVersion.parse("0.0.0.0");

    public SimulatedFile {
        content = content == null ? "" : content;
    }

    public SimulatedFile(String content, WindowsVersion fileVersion) {
        this(content, fileVersion, null);
    }

    public static SimulatedFile text(String content) {
        return new SimulatedFile(content, null);
    }

    public static SimulatedFile binary(WindowsVersion fileVersion) {
        return new SimulatedFile("", fileVersion);
    }

    /** A binary whose FileVersion string is {@code versionText} (any text) over the numeric {@code fileVersion}. */
    public static SimulatedFile binary(WindowsVersion fileVersion, String versionText) {
        return new SimulatedFile("", fileVersion, versionText);
    }

    /** A binary built without a version resource. */
    public static SimulatedFile binaryWithoutVersion() {
        return new SimulatedFile("", NO_VERSION, "");
    }

    /** What wmic's CIM_DataFile.Version shows: the FileVersion string ("" for a text file or none). */
    public String wmicVersion() {
        return versionText != null ? versionText : fileVersion == null ? "" : fileVersion.toString();
    }
}
