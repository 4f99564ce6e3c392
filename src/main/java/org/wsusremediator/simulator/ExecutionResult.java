package org.wsusremediator.simulator;

import java.nio.charset.Charset;

/** What a command line produced: stdout and stderr text (CRLF line endings, as on Windows) and the exit code. */
public record ExecutionResult(String stdout, String stderr, int exitCode) {

    public ExecutionResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /**
     * The bytes a console writes in code page {@code charset}: what the code page cannot carry becomes '?', as the real
     * console does (WinRb/WinRM#125: Japanese text under code page 437 arrives as '?'). WinRM4J asks for 437 and
     * decodes with the platform charset (winrm4j#133), so only ASCII survives the trip to our own client.
     */
    static byte[] consoleBytes(String text, Charset charset) {
        return text.getBytes(charset);
    }
}
