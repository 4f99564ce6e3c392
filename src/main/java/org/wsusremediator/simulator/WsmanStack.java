package org.wsusremediator.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The WinRM version a host runs. It shows in the Identify answer ("Stack: 1.1") and sets the default
 * MaxShellsPerUser quota: WinRM 1.1 (Server 2003 R2 / 2008 without WMF) allows 2 shells per user, 2.0 allows 30.
 */
public enum WsmanStack {
    V1_1("1.1", 2),
    V2_0("2.0", 30);

    /** WinRM 1.1 listened on HTTP's own port; 2.0 moved to 5985. */
    public static final int V1_1_HTTP_PORT = 80;

    private final String label;
    private final int maxShellsPerUser;

    WsmanStack(String label, int maxShellsPerUser) {
        this.label = label;
        this.maxShellsPerUser = maxShellsPerUser;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public int maxShellsPerUser() {
        return maxShellsPerUser;
    }

    @JsonCreator
    public static WsmanStack parse(String text) {
        String t = text == null ? "" : text.trim();
        for (WsmanStack s : values()) {
            if (s.label.equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown wsmanStack '" + text + "' (expected \"1.1\" or \"2.0\")");
    }
}
