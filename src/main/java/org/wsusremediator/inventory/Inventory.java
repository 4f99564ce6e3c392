package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated inventory. Only {@link InventoryReader} builds one from a file, so every host's credential
 * names an entry of {@code credentials} and every rule of docs/inventory.md holds.
 *
 * @param source         the YAML file that was read
 * @param simulatorFleet the fleet file for the embedded simulator, absolute (it was written relative to the
 *                       inventory file), or null when the inventory names none
 * @param parallelism    how many hosts are visited at once
 * @param hosts          the hosts, in the order they were written (groups first, then ungrouped hosts)
 * @param credentials    credential references by name; never secrets
 * @param remediation    the {@code remediation:} section; never null (defaults when the inventory has none)
 */
public record Inventory(
        Path source,
        Path simulatorFleet,
        int parallelism,
        List<HostEntry> hosts,
        Map<String, CredentialRef> credentials,
        RemediationSettings remediation) {

    public Inventory {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(remediation, "remediation");
        hosts = List.copyOf(hosts);
        // Keep the written order: reports and resolveAll() list credentials as the admin wrote them.
        credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    }

    /** An inventory with the default remediation settings: for code that builds one directly (benchmark, tests). */
    public Inventory(Path source, Path simulatorFleet, int parallelism, List<HostEntry> hosts,
            Map<String, CredentialRef> credentials) {
        this(source, simulatorFleet, parallelism, hosts, credentials, RemediationSettings.defaults());
    }

    /** The host with this name, compared case-insensitively like the uniqueness rule. */
    public Optional<HostEntry> host(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return hosts.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** The same inventory limited to some of its hosts (e.g. those a scan found something to do on). */
    public Inventory withHosts(List<HostEntry> subset) {
        return new Inventory(source, simulatorFleet, parallelism, subset, credentials, remediation);
    }

    public Inventory withRemediation(RemediationSettings settings) {
        return new Inventory(source, simulatorFleet, parallelism, hosts, credentials, settings);
    }
}
