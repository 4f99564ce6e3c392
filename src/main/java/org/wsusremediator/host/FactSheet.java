package org.wsusremediator.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wsusremediator.probe.Facts;

/**
 * What a probe read from a host, as a plan keeps it: named facts (snake_case, the API's names) with text, number or
 * boolean values, null where the host did not have it. The facts that decide the action are those {@link Fingerprint}
 * hashes; the others (the OS caption, the log and its fault signatures, whether a restart is pending and when the host
 * last started, how the host was probed) are kept to explain the action, never to bind an approval.
 * <p>
 * Kept beside the fingerprint, never instead of it: {@link #matches} computes the fingerprint again from the deciding
 * facts, so a fact edited in the database after the plan was made shows as not matching instead of being believed.
 *
 * @param values every fact name of {@link #NAMES}, in that order
 */
public record FactSheet(Map<String, Object> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each fact's name and, for the deciding ones, the name {@link Fingerprint} hashes it under (else null). */
    private static final Map<String, String> NAMES = names();

    public FactSheet {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : NAMES.keySet()) {
            Object value = values.get(name);
            if (value != null && !(value instanceof String) && !(value instanceof Boolean) && !(value instanceof Integer)) {
                throw new IllegalArgumentException("fact " + name + " is not text, a whole number or a boolean");
            }
            ordered.put(name, value);
        }
        values = Collections.unmodifiableMap(ordered);
    }

    private static Map<String, String> names() {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("computer_name", "computerName");
        n.put("machine_guid", "machineGuid");
        n.put("os_caption", null);
        n.put("os_version", "osVersion");
        n.put("architecture", "architecture");
        n.put("powershell_version", "powerShellVersion");
        n.put("wsus_setup_present", "wsusSetupPresent");
        n.put("wsus_version", "versionString");
        n.put("install_type", "installType");
        n.put("target_dir", "targetDir");
        n.put("wsus2_product", "wsus2Product");
        n.put("dll_path", "dllPath");
        n.put("dll_version", "dllVersion");
        n.put("log_path", null);
        n.put("signature_count", null);
        n.put("signature_last", null);
        // A host's restart state: it changes with every install and restart, so it informs and never binds an approval.
        n.put("reboot_pending", null);
        n.put("reboot_pending_flags", null);
        n.put("last_boot", null);
        n.put("probe_method", null);
        n.put("probe_warning", null);
        return Collections.unmodifiableMap(n);
    }

    /** The sheet of what a probe read; null when nothing could be read (an unreachable host). */
    public static FactSheet of(Facts facts) {
        if (facts == null) {
            return null;
        }
        Map<String, Object> deciding = Fingerprint.deciding(facts);
        Map<String, Object> v = new LinkedHashMap<>();
        NAMES.forEach((name, hashed) -> {
            if (hashed != null) {
                v.put(name, deciding.get(hashed));
            }
        });
        v.put("os_caption", facts.osCaption());
        v.put("log_path", facts.logPath());
        v.put("signature_count", facts.signatureCount());
        v.put("signature_last", facts.signatureLast());
        v.put("reboot_pending", facts.rebootPending().state());
        v.put("reboot_pending_flags", facts.rebootPending().flags().isEmpty() ? null
                : String.join(", ", facts.rebootPending().flags()));
        v.put("last_boot", facts.lastBoot() == null ? null : facts.lastBoot().toString());
        v.put("probe_method", facts.probeMethod() == null ? null : facts.probeMethod().name());
        v.put("probe_warning", facts.probeWarning());
        return new FactSheet(v);
    }

    /** Whether {@code name} is one of the facts the fingerprint covers (a change to it changes the action's basis). */
    public static boolean deciding(String name) {
        return NAMES.get(name) != null;
    }

    /** The fingerprint computed again from the deciding facts of this sheet. */
    public String fingerprint() {
        Map<String, Object> deciding = new LinkedHashMap<>();
        NAMES.forEach((name, hashed) -> {
            if (hashed != null) {
                deciding.put(hashed, values.get(name));
            }
        });
        return Fingerprint.ofDeciding(deciding);
    }

    /** Whether these facts are the ones {@code fingerprint} was computed from. */
    public boolean matches(String fingerprint) {
        return fingerprint().equals(fingerprint);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write facts", impossible);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not an object of facts
     */
    public static FactSheet fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("facts are not a JSON object");
            }
            Map<String, Object> v = new LinkedHashMap<>();
            for (String name : NAMES.keySet()) {
                JsonNode value = node.get(name);
                v.put(name, value == null || value.isNull() ? null : value.isBoolean() ? value.booleanValue()
                        : value.isInt() ? Integer.valueOf(value.intValue()) : value.isTextual() ? value.textValue()
                        : value);
            }
            return new FactSheet(v);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalArgumentException("facts are not JSON", unreadable);
        }
    }
}
