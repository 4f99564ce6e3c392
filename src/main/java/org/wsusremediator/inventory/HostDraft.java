package org.wsusremediator.inventory;

import org.wsusremediator.yaml.YamlNode;

import static org.wsusremediator.inventory.HostSettings.*;

/**
 * A host as read, before the cross-host rules ran: its own fields, its inherited settings and the node it
 * was written at. Becomes a {@link HostEntry} once the whole inventory is valid.
 */
record HostDraft(String name, YamlNode nameNode, String group, String address, SettingsChain settings, YamlNode.Mapping node) {

    /** The port written or inherited, else the transport's default: the port the host is visited on. */
    int effectivePort() {
        Integer port = settings.get(PORT);
        return port != null ? port : settings.get(TRANSPORT).defaultPort();
    }

    /** Only called on a valid inventory: every required setting is present, every caFile was read. */
    HostEntry toEntry(CaFiles caFiles) {
        SettingsLayer.Located<String> caFile = settings.find(CA_FILE);
        Transport transport = settings.get(TRANSPORT);
        return new HostEntry(
                name,
                group,
                address,
                effectivePort(),
                transport,
                settings.get(AUTH),
                settings.get(CREDENTIAL),
                settings.get(ALLOW_UNENCRYPTED),
                settings.get(VERIFY_TLS),
                new Timeouts(settings.get(CONNECT_TIMEOUT), settings.get(OPERATION_TIMEOUT), settings.get(RECEIVE_TIMEOUT),
                        settings.get(VISIT_TIMEOUT)),
                settings.get(RTM_POLICY),
                node.file().toString(),
                node.line(),
                settings.get(ALLOW_REBOOT),
                caFile == null ? null : caFiles.get(caFile.node(), caFile.value()));
    }

    /** How messages name the host: CSV rows have no field path, so the name is what identifies them. */
    String label() {
        return "host '" + name + "'";
    }
}
