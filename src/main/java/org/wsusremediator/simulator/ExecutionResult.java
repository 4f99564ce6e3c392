package org.wsusremediator.simulator;

import java.nio.charset.StandardCharsets;

/** What a command line produced: stdout and stderr text (CRLF line endings, as on Windows) and the exit code. */
public record ExecutionResult(String stdout, String stderr, int exitCode) {

    public ExecutionResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /**
     * The console code page cannot carry everything; like a real console, characters outside ASCII become '?'
     * (and WinRM4J decodes with the platform charset anyway, winrm4j#133).
     */
    static byte[] consoleBytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
