package org.wsusremediator.simulator;

import java.util.Map;

/**
 * Who runs commands where: the host, the shell's user and environment, the commands available, how to make
 * their text safe for logs, whether the process has a full (elevated) token, and whether it is a scheduled task.
 * A WinRM shell never has a full token on NT 6.x with UAC (a remote admin gets a filtered token); a SYSTEM task
 * with run level HIGHEST does. A WinRM shell's logon (NTLM, Kerberos without delegation) has no credentials for a
 * further hop, so it reaches file shares as ANONYMOUS LOGON; a task has its own logon ({@link ShareAccess}).
 */
record ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry,
                    LogRedactor redactor, boolean elevated, boolean scheduledTask) {

    ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry,
                 LogRedactor redactor, boolean elevated) {
        this(host, user, environment, registry, redactor, elevated, false);
    }

    ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry,
                 LogRedactor redactor) {
        this(host, user, environment, registry, redactor, false);
    }

    ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry) {
        this(host, user, environment, registry, LogRedactor.NONE);
    }
}
