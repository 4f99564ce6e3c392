package org.wsusremediator.inventory;

import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.Suggestions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules that look past a single value: where a setting may be written, credential references,
 * and the rules over whole hosts (unique names, basic authentication only over an encrypted channel).
 */
final class InventoryValidator {

    private final ProblemList problems;
    private final CredentialsSection credentials;
    private final CaFiles caFiles = new CaFiles(java.time.Instant.now());

    InventoryValidator(ProblemList problems, CredentialsSection credentials) {
        this.problems = problems;
        this.credentials = credentials;
    }

    /** The CA bundles the layers named, each read once. */
    CaFiles caFiles() {
        return caFiles;
    }

    /** Rules about a layer as written, checked once per place it is written (not once per inheriting host). */
    void checkLayer(SettingsLayer layer) {
        var verifyTls = layer.get(HostSettings.VERIFY_TLS);
        if (verifyTls != null && !verifyTls.value() && layer.level() != SettingsLayer.Level.HOST) {
            problems.add(verifyTls.node(), "verifyTls: false is allowed only on a single host entry, never in"
                    + " defaults or a group: turning TLS verification off must be a per-host decision");
            layer.discard(HostSettings.VERIFY_TLS);
        }
        var allow = layer.get(HostSettings.ALLOW_UNENCRYPTED);
        if (allow != null && allow.value() && layer.level() == SettingsLayer.Level.DEFAULTS) {
            problems.add(allow.node(), "allowUnencrypted: true is not allowed in defaults;"
                    + " allow basic authentication over http only on the group or host that needs it");
            layer.discard(HostSettings.ALLOW_UNENCRYPTED);
        }
        var caFile = layer.get(HostSettings.CA_FILE);
        if (caFile != null && caFiles.load(caFile.node(), caFile.value(), problems) == null) {
            layer.discard(HostSettings.CA_FILE);
        }
        var credential = layer.get(HostSettings.CREDENTIAL);
        if (credential != null && !credentials.isDefined(credential.value())) {
            String hint = Suggestions.nearest(credential.value(), credentials.names())
                    .map(s -> "did you mean '" + s + "'?")
                    .orElse(credentials.names().isEmpty() ? "the inventory defines none"
                            : "defined: " + String.join(", ", credentials.names()));
            problems.add(credential.node(), "credential '" + credential.value() + "' is not defined under credentials; "
                    + hint);
        }
    }

    /** Rules over the resolved hosts. */
    void checkHosts(List<HostDraft> hosts) {
        Map<String, HostDraft> byName = new HashMap<>();
        Map<String, HostDraft> byEndpoint = new HashMap<>();
        for (HostDraft host : hosts) {
            checkEndpoint(host, byEndpoint);
            HostDraft first = byName.putIfAbsent(host.name().toLowerCase(Locale.ROOT), host);
            if (first != null) {
                problems.add(host.nameNode(), "duplicate host name '" + host.name() + "' (names are compared ignoring case);"
                        + " first defined as '" + first.name() + "' at " + first.node().file() + ":" + first.node().line());
            }
            checkHost(host);
        }
    }

    /**
     * Two entries for one address and port are one machine acted on twice, at once (two installers, two
     * scheduled tasks). The port is the effective one (written, inherited, or the transport's default); the
     * address is compared ignoring case, IPv6 literals in canonical form. Names are not resolved here.
     */
    private void checkEndpoint(HostDraft host, Map<String, HostDraft> byEndpoint) {
        String address = Values.canonicalAddress(host.address());
        String endpoint = (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + host.effectivePort();
        HostDraft first = byEndpoint.putIfAbsent(endpoint, host);
        if (first != null) {
            problems.add(host.node(), host.label() + " has the same endpoint as host '" + first.name() + "' at "
                    + first.node().file() + ":" + first.node().line() + " (" + endpoint + "; addresses compared ignoring"
                    + " case): two entries for one machine would act on it twice; keep one entry");
        }
    }

    private void checkHost(HostDraft host) {
        SettingsChain s = host.settings();
        if (s.find(HostSettings.CREDENTIAL) == null) {
            problems.add(host.node(), host.label() + " has no credential: set credential on the host, its group or in defaults");
        }
        // Trusting a named CA and trusting anything at all cannot both be meant.
        var caFile = s.find(HostSettings.CA_FILE);
        if (caFile != null && !s.get(HostSettings.VERIFY_TLS)) {
            problems.add(host.node(), host.label() + ": verifyTls: false and caFile (" + caFile.node().file().getFileName()
                    + ":" + caFile.node().line() + ") contradict each other; with caFile the certificate is checked"
                    + " against those CAs, so drop verifyTls: false");
        }
        // Basic sends the password itself (base64); over plain http anyone on the path can read it.
        if (s.get(HostSettings.AUTH) == AuthScheme.BASIC && s.get(HostSettings.TRANSPORT) == Transport.HTTP
                && !s.get(HostSettings.ALLOW_UNENCRYPTED)) {
            problems.add(host.node(), host.label() + ": basic authentication over http is refused, the password would"
                    + " cross the network readable; use transport: https, or set allowUnencrypted: true on this host"
                    + " or its group");
        }
    }
}
