package org.wsusremediator.simulator;

import java.util.Map;

/**
 * Who runs commands where: the host, the shell's user and environment, the commands available, and how to make
 * their text safe for logs.
 */
record ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry,
                    LogRedactor redactor) {

    ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry) {
        this(host, user, environment, registry, LogRedactor.NONE);
    }
}
