package org.wsusremediator.inventory;

import java.util.Objects;

/**
 * One WSUS host with every setting resolved (built-in default, then defaults, then its group, then the host).
 *
 * @param name             unique in the inventory (compared case-insensitively)
 * @param group            the group the host belongs to, or null
 * @param address          host name or IP address (IPv6 without brackets)
 * @param port             WinRM listener port
 * @param transport        http or https
 * @param auth             authentication scheme
 * @param credential       the name of an entry of {@link Inventory#credentials()}
 * @param allowUnencrypted whether basic authentication over plain http was explicitly allowed
 * @param verifyTls        whether the TLS certificate is verified (only a host entry may turn it off)
 * @param timeouts         WinRM timeouts
 * @param rtmPolicy        what to do if the host turns out to run WSUS 3.0 RTM
 * @param sourceFile       the inventory file (YAML or CSV) the host was written in
 * @param line             the 1-based line of the host entry in that file
 * @param allowReboot      whether the remediator may restart the host when the installer asks for it (3010);
 *                         false by default, and then a pending reboot is only reported
 * @param caFile           the CAs an https host's certificate must chain to ({@code caFile}); null: the JVM's
 *                         default trust store
 */
public record HostEntry(
        String name,
        String group,
        String address,
        int port,
        Transport transport,
        AuthScheme auth,
        String credential,
        boolean allowUnencrypted,
        boolean verifyTls,
        Timeouts timeouts,
        RtmPolicy rtmPolicy,
        String sourceFile,
        int line,
        boolean allowReboot,
        CaBundle caFile) {

    public HostEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(rtmPolicy, "rtmPolicy");
    }

    /** Without {@code caFile}: the JVM's default trust store. */
    public HostEntry(String name, String group, String address, int port, Transport transport, AuthScheme auth,
            String credential, boolean allowUnencrypted, boolean verifyTls, Timeouts timeouts, RtmPolicy rtmPolicy,
            String sourceFile, int line, boolean allowReboot) {
        this(name, group, address, port, transport, auth, credential, allowUnencrypted, verifyTls, timeouts, rtmPolicy,
                sourceFile, line, allowReboot, null);
    }

    /** Without {@code allowReboot}, which then is false: for code that builds hosts directly (benchmark, tests). */
    public HostEntry(String name, String group, String address, int port, Transport transport, AuthScheme auth,
            String credential, boolean allowUnencrypted, boolean verifyTls, Timeouts timeouts, RtmPolicy rtmPolicy,
            String sourceFile, int line) {
        this(name, group, address, port, transport, auth, credential, allowUnencrypted, verifyTls, timeouts, rtmPolicy,
                sourceFile, line, false);
    }

    /** The WS-Man endpoint URL, e.g. {@code http://10.0.0.5:5985/wsman}; IPv6 literals go in brackets. */
    public String endpoint() {
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return transport.scheme() + "://" + host + ":" + port + "/wsman";
    }

    /** Where the host was written, as {@code file:line}, for messages that send the admin back to the inventory. */
    public String origin() {
        return sourceFile + ":" + line;
    }
}
