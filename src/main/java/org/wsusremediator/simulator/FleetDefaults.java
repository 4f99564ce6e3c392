package org.wsusremediator.simulator;

/**
 * Settings every host takes unless it says otherwise.
 *
 * @param port      TCP port each host listens on (its own loopback address); 5985 (WinRM's HTTP port) when omitted
 * @param latencyMs delay added before every response; 0 when omitted
 * @param winrm     the WinRM service settings every host takes unless it sets its own; stock Windows when omitted
 */
public record FleetDefaults(Integer port, Long latencyMs, WinRmServiceSpec winrm) {

    public static final int WINRM_HTTP_PORT = 5985;

    public FleetDefaults {
        port = port == null ? WINRM_HTTP_PORT : port;
        latencyMs = latencyMs == null ? 0L : latencyMs;
        Checks.port("port", port);
        Checks.notNegative("latencyMs", latencyMs);
        winrm = winrm == null ? WinRmServiceSpec.unset() : winrm;
    }

    public FleetDefaults(Integer port, Long latencyMs) {
        this(port, latencyMs, null);
    }

    public static FleetDefaults standard() {
        return new FleetDefaults(null, null);
    }
}
