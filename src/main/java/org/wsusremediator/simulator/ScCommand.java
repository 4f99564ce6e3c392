package org.wsusremediator.simulator;

import java.util.List;
import java.util.Locale;

/**
 * sc.exe {@code query NAME}: a service's state in sc's own layout (docs/simulator-restarts.md). Only the services the
 * host models exist: WinRM everywhere, the WSUS service (WsusService) and IIS (W3SVC) on a WSUS server. The layout is
 * the one public captures of {@code sc query} / {@code sc stop} show ({@code STATE : 4  RUNNING},
 * {@code STATE : 1  STOPPED}); the "does not exist" refusal (1060) is a guess in its wording and stream, and labels on
 * other display languages are not modelled: read the state by its number.
 */
final class ScCommand implements CmdCommand {

    static final int SERVICE_DOES_NOT_EXIST = 1060;

    @Override
    public int run(CommandCall call) {
        List<String> args = call.argv();
        if (args.size() != 2 || !args.get(0).equalsIgnoreCase("query")) {
            call.outLine("DESCRIPTION:");
            call.outLine("        SC is a command line program used for communicating with the");
            call.outLine("        Service Control Manager and services.");
            return 1;
        }
        String name = args.get(1);
        SimulatedHost host = call.host();
        if (!host.serviceInstalled(name)) {
            call.outLine("[SC] EnumQueryServicesStatus:OpenService FAILED " + SERVICE_DOES_NOT_EXIST + ":");
            call.outLine("");
            call.outLine("The specified service does not exist as an installed service.");
            call.outLine("");
            return SERVICE_DOES_NOT_EXIST;
        }
        boolean running = host.serviceRunning(name);
        call.outLine("");
        call.outLine("SERVICE_NAME: " + canonical(name) + " ");
        call.outLine("        TYPE               : " + (name.equalsIgnoreCase(WindowsLayout.WSUS_SERVICE)
                ? "10  WIN32_OWN_PROCESS  " : "20  WIN32_SHARE_PROCESS  "));
        if (running) {
            call.outLine("        STATE              : 4  RUNNING ");
            call.outLine("                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)");
        } else {
            call.outLine("        STATE              : 1  STOPPED ");
        }
        call.outLine("        WIN32_EXIT_CODE    : 0  (0x0)");
        call.outLine("        SERVICE_EXIT_CODE  : 0  (0x0)");
        call.outLine("        CHECKPOINT         : 0x0");
        call.outLine("        WAIT_HINT          : 0x0");
        call.outLine("");
        return 0;
    }

    /** sc prints the service's own name, not the case it was asked in. */
    private static String canonical(String name) {
        for (String known : List.of(WindowsLayout.WSUS_SERVICE, WindowsLayout.IIS_SERVICE, WindowsLayout.WINRM_SERVICE)) {
            if (known.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return known;
            }
        }
        return name;
    }
}
