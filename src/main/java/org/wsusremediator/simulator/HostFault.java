package org.wsusremediator.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A failure a simulated host shows on purpose, so the orchestrator's error paths can be exercised. A host may have
 * several ({@code fault} plus {@code faults} in the fleet file), all in force at once.
 */
public enum HostFault {
    /** Behaves like a healthy host. */
    NONE("none"),
    /** Nothing listens: the TCP connect is refused. */
    REFUSE_CONNECTION("refuseConnection"),
    /** Every request, even Identify, gets HTTP 401. */
    UNAUTHORIZED("unauthorized"),
    /** Shell creation fails with an HTTP 500 WS-Management fault (access denied). */
    SOAP_FAULT("soapFault"),
    /** The Command response is HTTP 200 with a cut-off XML body. */
    MALFORMED_XML("malformedXml"),
    /** The Receive is never answered (held until the client gives up, capped at 10 minutes). */
    STALL("stall"),
    /** The TCP connection is closed without a response when the Receive arrives. */
    DROP_MID_COMMAND("dropMidCommand"),
    /** The probe script's output is cut in the middle (no END line). */
    GARBLED_OUTPUT("garbledOutput"),
    /** The probe script fails with a PowerShell error and exit code 1. */
    COMMAND_FAILS("commandFails"),
    /** Staging a package (PowerShell stage script or {@code copy}) yields other bytes, so the SHA-256 mismatches. */
    PACKAGE_TAMPERED("packageTampered"),
    /** The KB954960 installer exits 1603 (fatal error during installation); the DLL stays as it was. */
    INSTALLER_EXIT_1603("installerExit1603"),
    /** The KB954960 installer updates the DLL and exits 3010 (success, reboot required). */
    INSTALLER_EXIT_3010("installerExit3010"),
    /**
     * The KB954960 installer exits 0 but leaves the client web service DLL at 3.2.7600.226, a WSUS 3.0 SP2 file:
     * a mixed installation, which neither a scan nor a verification may call fixed.
     */
    INSTALLER_MIXED_DLL("installerMixedDll"),
    /**
     * The KB954960 installer exits 0 and changes nothing: the DLL keeps its version. Only the verification's re-probe
     * can tell; an exit code of 0 proves nothing.
     */
    INSTALLER_NO_CHANGE("installerNoChange"),
    /** A scheduled task started with {@code schtasks /run} stays Running (Last Result 267009) for ever; its program never ends. */
    TASK_NEVER_FINISHES("taskNeverFinishes"),
    /**
     * The connection is closed without a response when {@code schtasks /run} (or, on NT 5.x, the installer run
     * directly) arrives, after the install has taken effect: the DLL is 3.1.6001.66, only a re-probe tells.
     */
    DROP_DURING_INSTALL("dropDuringInstall"),
    /** Every {@code Set-ItemProperty} of a recipe step fails with PowerShell's registry access-denied error. */
    RECIPE_STEP_FAILS("recipeStepFails"),
    /** After {@code shutdown /r} the host goes down and never answers again (a boot that hangs, a dead disk). */
    RESTART_NEVER_COMES_BACK("restartNeverComesBack"),
    /**
     * After {@code shutdown /r} the host boots (its boot time changes) but WinRM refuses connections for
     * {@code restart.winrmLateSeconds} more (a slow service start).
     */
    RESTART_WINRM_LATE("restartWinRmLate"),
    /** After {@code shutdown /r} the host comes back with the WSUS service stopped: WinRM answers, WSUS does not serve. */
    RESTART_WSUS_STOPPED("restartWsusStopped");

    private final String yamlName;

    HostFault(String yamlName) {
        this.yamlName = yamlName;
    }

    @JsonValue
    public String yamlName() {
        return yamlName;
    }

    @JsonCreator
    public static HostFault parse(String text) {
        for (HostFault f : values()) {
            if (f.yamlName.equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "' (expected one of "
                + Arrays.stream(values()).map(HostFault::yamlName).collect(Collectors.joining(", ")) + ")");
    }
}
