package org.wsusremediator.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the host waits for a restart, by the three registry flags that Windows servicing leaves (docs/probe-protocol.md,
 * with sources): {@code RebootRequired}, the Windows Update agent's key; Component Based Servicing's
 * {@code RebootPending} key (Vista/Server 2008 and later; Server 2003 has no CBS, so it reads absent there); and the
 * Session Manager's {@code PendingFileRenameOperations} value, files an installer could not replace while in use. Each
 * is true, false, or null when the probe could not read it.
 * <p>
 * A fact of the host, never a deciding one: it changes with every install and every restart, and says nothing about
 * which remediation the host needs.
 */
@JsonPropertyOrder({"state", "flags", "rebootRequired", "componentBasedServicing", "pendingFileRenames"})
public record RebootPending(Boolean rebootRequired, Boolean componentBasedServicing, Boolean pendingFileRenames) {

    /** Nothing was read (a probe from before these facts, or one that could read none of the flags). */
    public static final RebootPending UNKNOWN = new RebootPending(null, null, null);
    /** Every flag read, none set. */
    public static final RebootPending NONE = new RebootPending(false, false, false);

    static final String REBOOT_REQUIRED = "RebootRequired";
    static final String CBS_REBOOT_PENDING = "Component Based Servicing RebootPending";
    static final String PENDING_FILE_RENAMES = "PendingFileRenameOperations";

    /** True when any flag says so, false when every flag was read and none does, else null (unknown). */
    public Boolean pending() {
        if (!flags().isEmpty()) {
            return true;
        }
        return rebootRequired != null && componentBasedServicing != null && pendingFileRenames != null ? false : null;
    }

    /** {@code true}, {@code false} or {@code unknown}: how the reports and the fact sheet say it. */
    @JsonProperty("state")
    public String state() {
        Boolean pending = pending();
        return pending == null ? "unknown" : pending.toString();
    }

    /** The flags that say a restart is pending, by their registry names; empty when none does. */
    @JsonProperty("flags")
    public List<String> flags() {
        return names(Boolean.TRUE);
    }

    /** The flags the probe could not read. */
    public List<String> unread() {
        return names(null);
    }

    /**
     * In an admin's words: {@code restart pending (RebootRequired, PendingFileRenameOperations)}, {@code no restart
     * pending}, or {@code restart pending unknown (not read: RebootRequired)}.
     */
    public String describe() {
        Boolean pending = pending();
        if (pending == null) {
            return "restart pending unknown (not read: " + String.join(", ", unread()) + ")";
        }
        return pending ? "restart pending (" + String.join(", ", flags()) + ")" : "no restart pending";
    }

    private List<String> names(Boolean value) {
        List<String> names = new ArrayList<>();
        if (java.util.Objects.equals(rebootRequired, value)) {
            names.add(REBOOT_REQUIRED);
        }
        if (java.util.Objects.equals(componentBasedServicing, value)) {
            names.add(CBS_REBOOT_PENDING);
        }
        if (java.util.Objects.equals(pendingFileRenames, value)) {
            names.add(PENDING_FILE_RENAMES);
        }
        return List.copyOf(names);
    }
}
