package org.wsusremediator.simulator;

import java.util.Map;

/**
 * Who runs commands where: the host, the shell's user and environment, the commands available, how to make
 * their text safe for logs, and whether the process has a full (elevated) token. A WinRM shell never does on
 * NT 6.x with UAC (a remote admin gets a filtered token); a SYSTEM task with run level HIGHEST does.
 */
record ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry,
                    LogRedactor redactor, boolean elevated) {

    ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry,
                 LogRedactor redactor) {
        this(host, user, environment, registry, redactor, false);
    }

    ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry) {
        this(host, user, environment, registry, LogRedactor.NONE);
    }
}
