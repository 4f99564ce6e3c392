package org.wsusremediator.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The WinRM version a host runs. It shows in the Identify answer ("Stack: 1.1") and sets the default quotas:
 * WinRM 1.1 (Server 2003 R2 / 2008 without WMF) allows 2 shells per user and envelopes of 150 KB (MS-WSMV
 * appendix B, /work/shared/WINDOWS-EVIDENCE.md); 2.0 allows 30 shells, and its envelope limit is not modelled.
 */
public enum WsmanStack {
    V1_1("1.1", 2, 150 * 1024),
    V2_0("2.0", 30, 0);

    /** WinRM 1.1 listened on HTTP's own port; 2.0 moved to 5985. */
    public static final int V1_1_HTTP_PORT = 80;

    private final String label;
    private final int maxShellsPerUser;
    private final int maxEnvelopeBytes;

    WsmanStack(String label, int maxShellsPerUser, int maxEnvelopeBytes) {
        this.label = label;
        this.maxShellsPerUser = maxShellsPerUser;
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    /** MaxEnvelopeSizekb in bytes: a request envelope larger than this is refused; 0 when not modelled. */
    public int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
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
