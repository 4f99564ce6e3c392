package org.wsusremediator.simulator;

import org.wsusremediator.probe.Version;

/**
 * A file on a simulated host: text content (for logs, scripts, task output) and, for binaries, a file version
 * (what {@code wmic datafile ... get Version} and FileVersionInfo report).
 */
public record SimulatedFile(String content, Version fileVersion) {

    public SimulatedFile {
        content = content == null ? "" : content;
    }

    public static SimulatedFile text(String content) {
        return new SimulatedFile(content, null);
    }

    public static SimulatedFile binary(Version fileVersion) {
        return new SimulatedFile("", fileVersion);
    }
}
