package org.wsusremediator.simulator;

/**
 * Settings every host takes unless it says otherwise.
 *
 * @param port      TCP port each host listens on (its own loopback address); when omitted (null), each host's WinRM
 *                  default: 5985, or 80 for WinRM 1.1 ({@link SimulatedHostSpec#effectivePort})
 * @param latencyMs delay added before every response; 0 when omitted
 * @param winrm     the WinRM service settings every host takes unless it sets its own; stock Windows when omitted
 */
public record FleetDefaults(Integer port, Long latencyMs, WinRmServiceSpec winrm) {

    public static final int WINRM_HTTP_PORT = 5985;

    public FleetDefaults {
        latencyMs = latencyMs == null ? 0L : latencyMs;
        if (port != null) {
            Checks.port("port", port);
        }
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
