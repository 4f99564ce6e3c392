package org.wsusremediator.server;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the test's server processes owns the client end of a TCP connection on this machine (Linux: the socket's
 * inode from /proc/net/tcp and tcp6, found among /proc/PID/fd of the processes named). The simulated fleet labels each
 * command with it ({@code FleetSimulator.Builder#clientLabels}), so that the fleet itself counts which node ran what.
 * Asked at a connection's first request (its logon), while the client holds it open.
 */
final class SocketOwners {

    private final Map<Long, String> names = new ConcurrentHashMap<>();

    /** Connections of process {@code pid} are labelled {@code name}. */
    void name(long pid, String name) {
        names.put(pid, name);
    }

    /** The name of the process whose socket is {@code client} connected to {@code server}; null when none of ours. */
    String owner(InetSocketAddress client, InetSocketAddress server) {
        if (client == null || server == null || !(client.getAddress() instanceof Inet4Address)
                || !(server.getAddress() instanceof Inet4Address)) {
            return null;
        }
        String inode = inode(client, server);
        if (inode == null) {
            return null;
        }
        String link = "socket:[" + inode + "]";
        for (Map.Entry<Long, String> process : names.entrySet()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", process.getKey().toString(), "fd"))) {
                for (Path fd : fds) {
                    try {
                        if (link.equals(Files.readSymbolicLink(fd).toString())) {
                            return process.getValue();
                        }
                    } catch (IOException closedMeanwhile) {
                        // the descriptor went away while listing
                    }
                }
            } catch (IOException gone) {
                // the process ended
            }
        }
        return null;
    }

    /** The inode of the socket whose local end is {@code client} and remote end {@code server} (IPv4 or v4-mapped). */
    private static String inode(InetSocketAddress client, InetSocketAddress server) {
        String local4 = hex(client);
        String remote4 = hex(server);
        for (String table : List.of("/proc/net/tcp6", "/proc/net/tcp")) {
            boolean v6 = table.endsWith("6");
            String local = v6 ? "0000000000000000FFFF0000" + local4 : local4;
            String remote = v6 ? "0000000000000000FFFF0000" + remote4 : remote4;
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].equalsIgnoreCase(local) && f[2].equalsIgnoreCase(remote)) {
                        return f[9];
                    }
                }
            } catch (IOException noTable) {
                // no IPv6 on this machine
            }
        }
        return null;
    }

    /** /proc/net/tcp's form of an IPv4 address and port: the address's bytes in host (little-endian) order, then the port. */
    private static String hex(InetSocketAddress address) {
        byte[] b = address.getAddress().getAddress();
        return String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", b[3], b[2], b[1], b[0], address.getPort());
    }
}
