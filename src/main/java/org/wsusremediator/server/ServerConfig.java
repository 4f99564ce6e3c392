package org.wsusremediator.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ParserLimits;
import org.wsusremediator.window.Clustering;

/**
 * {@code remediator serve --config server.yaml} (docs/server.md): where the server listens, with which certificate,
 * and the files it reads once at start. Relative paths are relative to the configuration file's folder. Every file
 * named here is checked by {@link ConfigFiles} before it is read.
 *
 * @param credentials  the fleet's secrets: a name an inventory refers to as {@code env:NAME} and the file holding it
 * @param serverKey    the server's key file (approvals are sealed with it); null until configured
 * @param maxBodyBytes the largest request body accepted
 * @param consoleIdleTimeout how long a console session lasts without a request of its admin (console.idleTimeoutSeconds)
 * @param cluster      whether this server is one node of a cluster sharing its PostgreSQL store (docs/cluster.md)
 */
public record ServerConfig(Path file, InetAddress address, int port, Path tlsCertificate, Path tlsKey, boolean plainHttp,
                           InetAddress managementAddress, int managementPort, Path admins, Path windows,
                           List<Path> inventories, Map<String, Path> credentials, Path serverKey, String storeUrl,
                           String storeUser, Path storePasswordFile, Path reportDir, long maxBodyBytes,
                           java.time.Duration consoleIdleTimeout, Clustering cluster) {

    static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** OWASP's session guidance names 15 to 30 minutes of idle time for applications of low to high risk. */
    static final int DEFAULT_CONSOLE_IDLE_SECONDS = 15 * 60;
    /** Check-ins from once a second (failures found fast, a query a second per node) to once in five minutes. */
    static final int MAX_CHECKIN_SECONDS = 300;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final ObjectMapper YAML = JsonMapper.builder(ParserLimits.yaml(InputLimits.YAML_FILE_BYTES).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public boolean tls() {
        return !plainHttp;
    }

    /** Reads and checks the file; every problem is reported with the field. */
    public static ServerConfig read(Path file) {
        Raw raw;
        try {
            raw = YAML.readValue(InputFiles.readUtf8(file, InputLimits.YAML_FILE_BYTES), Raw.class);
        } catch (InputFileException e) {
            throw new ServerConfigException(file + " " + e.reason());
        } catch (JsonMappingException e) {
            throw new ServerConfigException(file + ": " + e.getPathReference() + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ServerConfigException(file + ": cannot be read: " + e.getMessage());
        }
        if (raw == null) {
            throw new ServerConfigException(file + ": empty");
        }
        Path dir = file.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        Listen listen = raw.listen == null ? new Listen() : raw.listen;
        InetAddress address = address(listen.address, "127.0.0.1", file + ": listen.address", problems);
        int port = port(listen.port, 8443, file + ": listen.port", problems);
        boolean plain = Boolean.TRUE.equals(listen.plainHttp);
        Path cert = null;
        Path key = null;
        if (plain) {
            if (raw.tls != null) {
                problems.add(file + ": tls: given together with listen.plainHttp: true; choose one");
            }
            // Tokens and passwords cross this connection: in clear only where nobody else can listen.
            if (address != null && !address.isLoopbackAddress()) {
                problems.add(file + ": listen.plainHttp: true needs a loopback listen.address (127.0.0.1 or ::1), not "
                        + address.getHostAddress() + ": tokens and passwords would cross the network in clear;"
                        + " configure tls instead");
            }
        } else if (raw.tls == null || raw.tls.certificate == null || raw.tls.key == null) {
            problems.add(file + ": tls.certificate and tls.key (PEM files) are required, or listen.plainHttp: true"
                    + " on a loopback address");
        } else {
            cert = dir.resolve(raw.tls.certificate);
            key = dir.resolve(raw.tls.key);
        }
        Listen management = raw.management == null ? new Listen() : raw.management;
        InetAddress managementAddress = address(management.address, "127.0.0.1", file + ": management.address", problems);
        int managementPort = port(management.port, 9464, file + ": management.port", problems);
        if (managementPort == port && port != 0 || managementPort == 0) {
            // Camel serves management on the main server when the ports are equal (two 0s are equal too): the
            // management port must be a port of its own.
            problems.add(file + ": management.port: a port of its own, not 0 and not listen.port (was " + managementPort
                    + ")");
        }
        if (raw.admins == null) {
            problems.add(file + ": admins: the admin directory file is required");
        }
        if (raw.windows == null) {
            problems.add(file + ": windows: the change-window file is required");
        }
        List<Path> inventories = new ArrayList<>();
        for (String i : raw.inventories == null ? List.<String>of() : raw.inventories) {
            inventories.add(dir.resolve(i));
        }
        Map<String, Path> credentials = new LinkedHashMap<>();
        if (raw.credentials != null) {
            raw.credentials.forEach((name, path) -> {
                if (!NAME.matcher(name).matches()) {
                    problems.add(file + ": credentials." + name + ": a name as inventories use it (env:NAME): letters,"
                            + " digits and _");
                } else if (path == null || path.isBlank()) {
                    problems.add(file + ": credentials." + name + ": the file holding the secret is required");
                } else {
                    credentials.put(name, dir.resolve(path));
                }
            });
        }
        Store store = raw.store == null ? new Store() : raw.store;
        long maxBody = raw.maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : raw.maxBodyBytes;
        if (maxBody < 1024 || maxBody > 16L << 20) {
            problems.add(file + ": maxBodyBytes: from 1024 to 16777216 (was " + maxBody + ")");
        }
        int idle = raw.console == null || raw.console.idleTimeoutSeconds == null ? DEFAULT_CONSOLE_IDLE_SECONDS
                : raw.console.idleTimeoutSeconds;
        if (idle < 10 || idle > 8 * 3600) {
            problems.add(file + ": console.idleTimeoutSeconds: from 10 to 28800 (was " + idle + ")");
        }
        Clustering cluster = clustering(raw.cluster, store.url, file, problems);
        if (!problems.isEmpty()) {
            throw new ServerConfigException(String.join("\n", problems));
        }
        return new ServerConfig(file, address, port, cert, key, plain, managementAddress, managementPort,
                dir.resolve(raw.admins), dir.resolve(raw.windows), List.copyOf(inventories), credentials,
                raw.serverKey == null ? null : dir.resolve(raw.serverKey), store.url, store.user == null ? "sa" : store.user,
                store.passwordFile == null ? null : dir.resolve(store.passwordFile),
                dir.resolve(raw.reportDir == null ? "reports" : raw.reportDir), maxBody, java.time.Duration.ofSeconds(idle),
                cluster);
    }

    /**
     * {@code cluster: { enabled, checkinIntervalSeconds, runLeaseSeconds }}: off unless enabled. Only on PostgreSQL: the
     * H2 store is an embedded file one process holds, so a second node could not even open it; H2 stays single-node and
     * says so here, before anything starts, rather than when the second node meets H2's file lock. The runs' lease
     * applies whether clustered or not (a single node on PostgreSQL is taken over by its next run after it).
     */
    private static Clustering clustering(Cluster raw, String storeUrl, Path file, List<String> problems) {
        if (raw == null) {
            return Clustering.OFF;
        }
        int seconds = raw.checkinIntervalSeconds == null ? (int) Clustering.DEFAULT_CHECKIN.toSeconds()
                : raw.checkinIntervalSeconds;
        if (seconds < 1 || seconds > MAX_CHECKIN_SECONDS) {
            problems.add(file + ": cluster.checkinIntervalSeconds: from 1 to " + MAX_CHECKIN_SECONDS + " (was " + seconds
                    + ")");
        }
        java.time.Duration lease = null;
        if (raw.runLeaseSeconds != null) {
            long shortest = Clustering.SHORTEST_LEASE.toSeconds();
            long longest = org.wsusremediator.store.RunJournal.LONGEST_LEASE.toSeconds();
            if (raw.runLeaseSeconds < shortest || raw.runLeaseSeconds > longest) {
                problems.add(file + ": cluster.runLeaseSeconds: from " + shortest + " to " + longest + " (was "
                        + raw.runLeaseSeconds + ")");
            }
            lease = java.time.Duration.ofSeconds(raw.runLeaseSeconds);
        }
        if (!Boolean.TRUE.equals(raw.enabled)) {
            return new Clustering(false, Clustering.OFF.checkinInterval(), lease);
        }
        if (storeUrl == null || !storeUrl.startsWith("jdbc:postgresql:")) {
            problems.add(file + ": cluster.enabled: true needs a PostgreSQL store (store.url: jdbc:postgresql://...),"
                    + " not " + (storeUrl == null ? "the default embedded H2 file (no store.url)"
                    : storeUrl.startsWith("jdbc:h2:") ? "H2" : "this store.url")
                    + ": H2 is one process's file and stays single-node (docs/cluster.md)");
        }
        return Clustering.on(java.time.Duration.ofSeconds(seconds)).withRunLease(lease);
    }

    private static InetAddress address(String text, String fallback, String at, List<String> problems) {
        String value = text == null ? fallback : text.strip();
        // A literal address only: a host name would be resolved through DNS, which someone else may answer.
        if (!value.matches("[0-9.]{7,15}|[0-9A-Fa-f:]{2,39}")) {
            problems.add(at + ": an IP address (e.g. 127.0.0.1, 0.0.0.0), not '" + value + "'");
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            problems.add(at + ": not an IP address: '" + value + "'");
            return null;
        }
    }

    private static int port(Integer value, int fallback, String at, List<String> problems) {
        int port = value == null ? fallback : value;
        if (port < 0 || port > 65535) {
            problems.add(at + ": from 0 (any free port) to 65535 (was " + port + ")");
        }
        return port;
    }

    static final class Raw {
        @JsonProperty Listen listen;
        @JsonProperty Tls tls;
        @JsonProperty Listen management;
        @JsonProperty String admins;
        @JsonProperty String windows;
        @JsonProperty List<String> inventories;
        @JsonProperty Map<String, String> credentials;
        @JsonProperty String serverKey;
        @JsonProperty Store store;
        @JsonProperty String reportDir;
        @JsonProperty Long maxBodyBytes;
        @JsonProperty Console console;
        @JsonProperty Cluster cluster;
    }

    static final class Cluster {
        @JsonProperty Boolean enabled;
        @JsonProperty Integer checkinIntervalSeconds;
        @JsonProperty Integer runLeaseSeconds;
    }

    static final class Console {
        @JsonProperty Integer idleTimeoutSeconds;
    }

    static final class Listen {
        @JsonProperty String address;
        @JsonProperty Integer port;
        @JsonProperty Boolean plainHttp;
    }

    static final class Tls {
        @JsonProperty String certificate;
        @JsonProperty String key;
    }

    static final class Store {
        @JsonProperty String url;
        @JsonProperty String user;
        @JsonProperty String passwordFile;
    }
}
