package org.wsusremediator.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wsusremediator.probe.Facts;

/**
 * The SHA-256 of the canonical JSON (keys sorted, no whitespace) of the facts that decide a host's action.
 * An approval is bound to it: if any of these facts differ when the host is about to be changed, the host
 * has drifted and needs a new plan. The log signature count and time are left out on purpose: they grow
 * with every client that fails to sync, which says nothing about what remediation the host needs.
 * <p>
 * The machine's own identity (computer name and MachineGuid) is in: identical builds have identical facts, so
 * without it an approval made for one machine would cover another that now answers at the approved address
 * (an edited address, a moved DNS name, a NAT rule) and would install there.
 */
public final class Fingerprint {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Fingerprint() {
    }

    /** Stands for "the host could not be read": such a host has no action to approve. */
    public static final String NO_FACTS = "no-facts";

    public static String of(Facts facts) {
        return facts == null ? NO_FACTS : ofDeciding(deciding(facts));
    }

    /**
     * The facts that decide a host's action, by the names the fingerprint hashes them under, as text, numbers and
     * booleans: what {@link FactSheet} keeps of a plan's host, so its fingerprint can be computed again.
     */
    static Map<String, Object> deciding(Facts facts) {
        Map<String, Object> deciding = new LinkedHashMap<>();
        deciding.put("computerName", facts.machine().computerName());
        deciding.put("machineGuid", facts.machine().machineGuid());
        deciding.put("osVersion", text(facts.osVersion()));
        deciding.put("architecture", text(facts.architecture()));
        deciding.put("powerShellVersion", facts.powerShellVersion());
        deciding.put("wsusSetupPresent", facts.wsusSetupPresent());
        deciding.put("versionString", text(facts.versionString()));
        deciding.put("installType", facts.installType());
        deciding.put("targetDir", facts.targetDir());
        deciding.put("wsus2Product", facts.wsus2Product());
        deciding.put("dllPath", facts.dllPath());
        deciding.put("dllVersion", text(facts.dllVersion()));
        return deciding;
    }

    /** The fingerprint of {@link #deciding} facts (the same map gives the same hash, however it was made). */
    static String ofDeciding(Map<String, Object> deciding) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(deciding);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("cannot fingerprint facts", impossible);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
