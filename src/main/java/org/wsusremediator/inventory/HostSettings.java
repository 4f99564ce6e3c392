package org.wsusremediator.inventory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry of inheritable host settings. Adding one is: a constant here (and in {@link #ALL}), a
 * component of {@link HostEntry}, and one argument in {@link HostDraft#toEntry()}. Parsing, inheritance,
 * unknown-field suggestions, CSV columns and docs-worthy defaults all follow from the entry.
 */
final class HostSettings {

    static final Setting<Integer> PORT = new Setting<>("port", Values.integer(1, 65535), null, true);
    static final Setting<Transport> TRANSPORT =
            new Setting<>("transport", Values.oneOf(Transport.class), Transport.HTTP, true);
    static final Setting<AuthScheme> AUTH = new Setting<>("auth", Values.oneOf(AuthScheme.class), AuthScheme.NTLM, true);
    static final Setting<String> CREDENTIAL = new Setting<>("credential", Values.name(), null, true);
    static final Setting<Boolean> ALLOW_UNENCRYPTED = new Setting<>("allowUnencrypted", Values.bool(), false, true);
    static final Setting<Boolean> VERIFY_TLS = new Setting<>("verifyTls", Values.bool(), true, true);
    // The CA bundle (PEM) an https host's certificate must chain to; none: the JVM's default trust store.
    static final Setting<String> CA_FILE = new Setting<>("caFile", Values.nonBlank(), null, true);
    // Upper bounds: far above any sensible value, far below what overflows a millisecond count.
    static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration MAX_OPERATION_TIMEOUT = Duration.ofHours(1);
    static final Duration MAX_RECEIVE_TIMEOUT = Duration.ofHours(1);
    static final Duration MAX_VISIT_TIMEOUT = Duration.ofHours(6);
    static final Setting<Duration> CONNECT_TIMEOUT = new Setting<>("timeouts.connect",
            Values.positiveDuration(MAX_CONNECT_TIMEOUT), Duration.ofSeconds(5), false);
    static final Setting<Duration> OPERATION_TIMEOUT = new Setting<>("timeouts.operation",
            Values.positiveDuration(MAX_OPERATION_TIMEOUT), Duration.ofSeconds(30), false);
    static final Setting<Duration> RECEIVE_TIMEOUT = new Setting<>("timeouts.receive",
            Values.positiveDuration(MAX_RECEIVE_TIMEOUT), Duration.ofSeconds(60), false);
    static final Setting<Duration> VISIT_TIMEOUT = new Setting<>("timeouts.visit",
            Values.positiveDuration(MAX_VISIT_TIMEOUT), Timeouts.DEFAULT_VISIT, false);
    // UPGRADE by default: it changes nothing on the host; the workaround needs an admin's explicit choice.
    static final Setting<RtmPolicy> RTM_POLICY =
            new Setting<>("rtmPolicy", Values.oneOf(RtmPolicy.class), RtmPolicy.UPGRADE, true);

    // false by default: an installer asking for a reboot (3010) is reported, the host is not restarted.
    static final Setting<Boolean> ALLOW_REBOOT = new Setting<>("allowReboot", Values.bool(), false, true);

    static final List<Setting<?>> ALL = List.of(PORT, TRANSPORT, AUTH, CREDENTIAL, ALLOW_UNENCRYPTED, VERIFY_TLS, CA_FILE,
            CONNECT_TIMEOUT, OPERATION_TIMEOUT, RECEIVE_TIMEOUT, VISIT_TIMEOUT, RTM_POLICY, ALLOW_REBOOT);

    private HostSettings() {
    }

    /** The keys written at a level: port, transport, ..., timeouts, rtmPolicy. */
    static Set<String> topKeys() {
        return ALL.stream().map(Setting::topKey).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The settings under a nested key ({@code timeouts}), empty for a plain key. */
    static List<Setting<?>> nestedUnder(String topKey) {
        return ALL.stream().filter(s -> s.nested() && s.topKey().equals(topKey)).toList();
    }

    static Optional<Setting<?>> plain(String key) {
        return ALL.stream().filter(s -> !s.nested() && s.key().equals(key)).findFirst();
    }

    static List<String> csvColumns() {
        return ALL.stream().filter(Setting::csvColumn).map(Setting::key).toList();
    }
}
