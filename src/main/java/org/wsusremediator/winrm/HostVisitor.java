package org.wsusremediator.winrm;

import org.wsusremediator.probe.RemoteShell;

/**
 * The work of one host visit. It gets the visit's single open shell and the exchange body (which names the
 * host), and returns the new body. It runs as many commands as it needs; the component opens and closes the shell.
 */
@FunctionalInterface
public interface HostVisitor {

    Object visit(RemoteShell shell, Object body);
}
