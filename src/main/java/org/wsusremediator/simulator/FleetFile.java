package org.wsusremediator.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A simulated fleet: default settings, the accounts the hosts accept, and the hosts.
 * Read one with {@link #load(Path)}, or build one in code with {@link #builder()}.
 *
 * @param certificateAuthority where the lab CA's certificate is written at start (null: not written)
 */
public record FleetFile(FleetDefaults defaults, List<AccountSpec> accounts, List<SimulatedHostSpec> hosts,
                        List<PackageSpec> packages, CertificateAuthoritySpec certificateAuthority) {

    public FleetFile {
        defaults = defaults == null ? FleetDefaults.standard() : defaults;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        packages = packages == null ? List.of() : List.copyOf(packages);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("accounts: at least one account is required");
        }
        requireUniqueHosts(defaults, hosts);
        requireUniquePackages(packages);
    }

    /** A fleet without packages (what fleets before the {@code packages} list were). */
    public FleetFile(FleetDefaults defaults, List<AccountSpec> accounts, List<SimulatedHostSpec> hosts) {
        this(defaults, accounts, hosts, List.of());
    }

    /** A fleet that writes no CA certificate file. */
    public FleetFile(FleetDefaults defaults, List<AccountSpec> accounts, List<SimulatedHostSpec> hosts,
                     List<PackageSpec> packages) {
        this(defaults, accounts, hosts, packages, null);
    }

    /** The same fleet with its CA certificate file resolved against {@code directory} (the fleet file's). */
    FleetFile resolvedAgainst(Path directory) {
        return certificateAuthority == null ? this : new FleetFile(defaults, accounts, hosts, packages,
                certificateAuthority.resolvedAgainst(directory));
    }

    /** The package offered at {@code source} (UNC paths compare case-insensitively), if the fleet lists one. */
    public Optional<PackageSpec> packageAt(String source) {
        return packages.stream().filter(p -> p.isAt(source)).findFirst();
    }

    private static void requireUniquePackages(List<PackageSpec> packages) {
        Map<String, Integer> sources = new HashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            Integer same = sources.putIfAbsent(packages.get(i).source().toLowerCase(Locale.ROOT), i);
            if (same != null) {
                throw new IllegalArgumentException("packages[" + i + "].source: '" + packages.get(i).source()
                        + "' is already listed as packages[" + same + "]");
            }
        }
    }

    /** Reads and checks a fleet file; errors name the file and the offending field. */
    public static FleetFile load(Path file) {
        return FleetFileReader.read(file);
    }

    /** Parses fleet-file text; {@code sourceName} names it in error messages. */
    public static FleetFile parse(String yaml, String sourceName) {
        return FleetFileReader.parse(yaml, sourceName);
    }

    /**
     * The same fleet listening on another default port (hosts with their own port keep it): lets tests run the
     * lab fleet without colliding with a simulator already on 55985.
     */
    public FleetFile withDefaultPort(int port) {
        return new FleetFile(new FleetDefaults(port, defaults.latencyMs(), defaults.winrm()), accounts, hosts, packages,
                certificateAuthority);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireUniqueHosts(FleetDefaults defaults, List<SimulatedHostSpec> hosts) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> endpoints = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            SimulatedHostSpec h = hosts.get(i);
            Integer sameName = names.putIfAbsent(h.name().toLowerCase(Locale.ROOT), i);
            if (sameName != null) {
                throw new IllegalArgumentException("hosts[" + i + "].name: '" + h.name() + "' is already used by hosts[" + sameName + "]");
            }
            List<String> own = new ArrayList<>();
            own.add(h.address() + ":" + h.effectivePort(defaults));
            HttpsListenerSpec https = HttpsListenerSpec.of(h, defaults);
            if (https != null) {
                own.add(h.address() + ":" + https.port());
            }
            for (String endpoint : own) {
                Integer sameEndpoint = endpoints.putIfAbsent(endpoint, i);
                if (sameEndpoint != null) {
                    throw new IllegalArgumentException("hosts[" + i + "] (" + h.name() + ").address: " + endpoint
                            + " is already used by " + (sameEndpoint == i ? "its own other listener"
                            : "hosts[" + sameEndpoint + "] (" + hosts.get(sameEndpoint).name() + ")"));
                }
            }
        }
    }

    /** Builds a fleet in code, e.g. 10,000 generated hosts for a benchmark. */
    public static final class Builder {
        private Integer port;
        private Long latencyMs;
        private WinRmServiceSpec winrm;
        private final List<AccountSpec> accounts = new ArrayList<>();
        private final List<SimulatedHostSpec> hosts = new ArrayList<>();
        private final List<PackageSpec> packages = new ArrayList<>();

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder latencyMs(long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        /** The WinRM service settings every host takes unless it sets its own ({@code defaults.winrm}). */
        public Builder winrm(WinRmServiceSpec winrm) {
            this.winrm = winrm;
            return this;
        }

        public Builder account(String username, String passwordEnv) {
            accounts.add(new AccountSpec(username, passwordEnv));
            return this;
        }

        public Builder host(SimulatedHostSpec host) {
            hosts.add(host);
            return this;
        }

        /**
         * Adds {@code count} hosts on consecutive loopback addresses from {@code firstAddress}, named
         * {@code namePrefix} + a zero-padded index, each a {@link SimulatedHostSpec#typicalSp1Server2008} host
         * passed through {@code customize} (which may change anything but should keep name and address).
         */
        public Builder generateHosts(int count, String firstAddress, String namePrefix,
                                     UnaryOperator<SimulatedHostSpec.Builder> customize) {
            List<String> addresses = LoopbackAddresses.consecutive(firstAddress, count);
            int digits = Math.max(1, String.valueOf(count - 1).length());
            for (int i = 0; i < count; i++) {
                String name = namePrefix + String.format(Locale.ROOT, "%0" + digits + "d", i);
                hosts.add(customize.apply(SimulatedHostSpec.typicalSp1Server2008(name, addresses.get(i))).build());
            }
            return this;
        }

        public FleetFile build() {
            return new FleetFile(new FleetDefaults(port, latencyMs, winrm), accounts, hosts, packages);
        }
    }
}
