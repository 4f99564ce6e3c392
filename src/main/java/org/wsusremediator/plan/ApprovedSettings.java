package org.wsusremediator.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.wsusremediator.classify.Action;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.PackageSource;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.probe.Architecture;

/**
 * What an approval covers besides the host's facts: the inventory's settings that decide what is done to the
 * host, as they were when the plan was made. A run acts on a host only while the inventory still says exactly
 * this; any difference makes the host DRIFTED, since nobody approved the new value. The facts fingerprint says
 * the host is the same; these say the remediator will do the same thing to it.
 *
 * <p>Only what the planned action uses is recorded, so that editing, say, the x86 package does not void the
 * approval of a workaround on an RTM host: the endpoint and the RTM policy for every action; for
 * {@code INSTALL_KB} the package for the host's architecture (source and SHA-256), the installer's arguments and
 * whether a reboot is allowed; for {@code RTM_WORKAROUND} the recipe's pinned SHA-256.
 *
 * @param architecture the architecture the package was chosen for (the facts the plan was made from)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApprovedSettings(String address, int port, String transport, String rtmPolicy, String architecture,
                               String packageSource, String packageSha256, String installerArguments,
                               Boolean allowReboot, String recipeSha256) {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The settings the inventory gives {@code host} for {@code action}, choosing the package for {@code architecture}. */
    public static ApprovedSettings of(Action action, HostEntry host, RemediationSettings remediation,
            Architecture architecture) {
        String address = host.address();
        String transport = host.transport().scheme();
        String rtmPolicy = host.rtmPolicy().name();
        if (action == Action.INSTALL_KB) {
            PackageSource pkg = architecture == null ? null : remediation.packageFor(architecture).orElse(null);
            return new ApprovedSettings(address, host.port(), transport, rtmPolicy,
                    architecture == null ? null : architecture.label(), pkg == null ? null : pkg.source(),
                    pkg == null ? null : pkg.sha256(), remediation.installerArguments(), host.allowReboot(), null);
        }
        if (action == Action.RTM_WORKAROUND) {
            return new ApprovedSettings(address, host.port(), transport, rtmPolicy, null, null, null, null, null,
                    remediation.recipe().map(r -> r.sha256()).orElse(null));
        }
        return new ApprovedSettings(address, host.port(), transport, rtmPolicy, null, null, null, null, null, null);
    }

    /** The same host and action as the inventory says now: what a run would do if it read the inventory. */
    public ApprovedSettings now(Action action, HostEntry host, RemediationSettings remediation) {
        return of(action, host, remediation, architecture == null ? null : Architecture.parse(architecture));
    }

    /** The canonical JSON (keys sorted, no whitespace): what the store keeps. */
    public String toJson() {
        try {
            return CANONICAL.writeValueAsString(this);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write approved settings", impossible);
        }
    }

    public static ApprovedSettings fromJson(String json) {
        try {
            return CANONICAL.readValue(json, ApprovedSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not approved settings: " + e.getOriginalMessage(), e);
        }
    }

    /** SHA-256 of {@link #toJson()}: in the PLAN_CREATED audit record, so the hash chain covers these settings. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** What differs in {@code now}, one entry per setting, e.g. {@code address '10.0.0.5' -> '10.0.0.6'}; empty if nothing. */
    public List<String> changesIn(ApprovedSettings now) {
        List<String> changes = new ArrayList<>();
        compare(changes, "address", now, ApprovedSettings::address);
        compare(changes, "port", now, ApprovedSettings::port);
        compare(changes, "transport", now, ApprovedSettings::transport);
        compare(changes, "rtmPolicy", now, ApprovedSettings::rtmPolicy);
        compare(changes, "package source", now, ApprovedSettings::packageSource);
        compare(changes, "package sha256", now, ApprovedSettings::packageSha256);
        compare(changes, "installerArguments", now, ApprovedSettings::installerArguments);
        compare(changes, "allowReboot", now, ApprovedSettings::allowReboot);
        compare(changes, "workaround recipe sha256", now, ApprovedSettings::recipeSha256);
        return changes;
    }

    private void compare(List<String> changes, String name, ApprovedSettings now, Function<ApprovedSettings, Object> field) {
        Object was = field.apply(this);
        Object is = field.apply(now);
        if (!Objects.equals(was, is)) {
            changes.add(name + " " + shown(was) + " -> " + shown(is));
        }
    }

    /** A value for a message: quoted, and cut short (an inventory value may be long). */
    private static String shown(Object value) {
        if (value == null) {
            return "(none)";
        }
        String text = value.toString();
        return "'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "'";
    }
}
