package org.wsusremediator.simulator;

import java.util.Map;

/** Who runs commands where: the host, the shell's user and environment, and the commands available. */
record ShellContext(SimulatedHost host, String user, Map<String, String> environment, CommandRegistry registry) {
}
