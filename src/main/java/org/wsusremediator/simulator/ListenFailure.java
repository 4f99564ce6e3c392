package org.wsusremediator.simulator;

import java.net.BindException;

/**
 * Why the simulator could not listen for a host, in words an admin can act on. Linux lets only root (or a process
 * with CAP_NET_BIND_SERVICE) bind a port below net.ipv4.ip_unprivileged_port_start (1024 by default); WinRM 1.1's
 * stock port 80 is such a port, and the JDK reports the refusal only as "BindException: Permission denied".
 */
final class ListenFailure {

    private ListenFailure() {
    }

    static String describe(String host, String address, int port, Throwable cause) {
        String where = "cannot listen for simulated host " + host + " on " + address + ":" + port + ": " + cause;
        if (isPrivilegedPortRefusal(port, cause)) {
            return where + " (port " + port + " is a privileged port: binding it needs root or CAP_NET_BIND_SERVICE,"
                    + " e.g. setcap cap_net_bind_service=+ep on the java binary, or a lower"
                    + " net.ipv4.ip_unprivileged_port_start)";
        }
        return where;
    }

    /** Whether this is the kernel refusing a port below 1024 to an unprivileged process. */
    static boolean isPrivilegedPortRefusal(int port, Throwable cause) {
        return port < 1024 && cause instanceof BindException
                && cause.getMessage() != null && cause.getMessage().contains("Permission denied");
    }
}
