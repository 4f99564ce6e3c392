package org.wsusremediator.simulator;


/**
 * A file on a simulated host: text content (for logs, scripts, task output) and, for binaries, a file version
 * (what {@code wmic datafile ... get Version} and FileVersionInfo report).
 */
public record SimulatedFile(String content, WindowsVersion fileVersion) {

    public SimulatedFile {
        content = content == null ? "" : content;
    }

    public static SimulatedFile text(String content) {
        return new SimulatedFile(content, null);
    }

    public static SimulatedFile binary(WindowsVersion fileVersion) {
        return new SimulatedFile("", fileVersion);
    }
}
