package org.wsusremediator.simulator;

import java.util.Locale;

/**
 * ipconfig.exe with one Ethernet adapter carrying the host's own address; {@code /all} adds the host and adapter
 * details. Server 2003 says "IP Address", 2008 says "IPv4 Address".
 */
final class IpconfigCommand implements CmdCommand {

    @Override
    public int run(CommandCall call) {
        SimulatedHost host = call.host();
        boolean all = call.argv().stream().anyMatch(a -> a.equalsIgnoreCase("/all"));
        boolean nt5 = host.os().isServer2003();
        call.outLine("");
        call.outLine("Windows IP Configuration");
        call.outLine("");
        if (all) {
            call.outLine(field(nt5, "Host Name", host.name()));
            call.outLine(field(nt5, "Primary Dns Suffix", "lab.local"));
            call.outLine(field(nt5, "Node Type", "Hybrid"));
            call.outLine(field(nt5, "IP Routing Enabled", "No"));
            call.outLine(field(nt5, "WINS Proxy Enabled", "No"));
            call.outLine(field(nt5, "DNS Suffix Search List", "lab.local"));
        }
        call.outLine("");
        call.outLine("Ethernet adapter Local Area Connection:");
        call.outLine("");
        call.outLine(field(nt5, "Connection-specific DNS Suffix", ""));
        if (all) {
            call.outLine(field(nt5, "Description", "Intel(R) PRO/1000 MT Network Connection"));
            call.outLine(field(nt5, "Physical Address", macAddress(host.address())));
            call.outLine(field(nt5, "DHCP Enabled", "No"));
            if (!nt5) {
                call.outLine(field(false, "Autoconfiguration Enabled", "Yes"));
            }
        }
        call.outLine(field(nt5, nt5 ? "IP Address" : "IPv4 Address", host.address() + (all && !nt5 ? "(Preferred)" : "")));
        call.outLine(field(nt5, "Subnet Mask", "255.0.0.0"));
        call.outLine(field(nt5, "Default Gateway", ""));
        if (all) {
            call.outLine(field(nt5, "DNS Servers", "127.0.0.1"));
            if (!nt5) {
                call.outLine(field(false, "NetBIOS over Tcpip", "Enabled"));
            }
        }
        return 0;
    }

    /**
     * "   Label . . . . : value": ipconfig pads every label with ". " to the same colon column; the two
     * "...Suffix" labels carry two blanks of their own. Server 2003 indents by 8, 2008 by 3.
     */
    private static String field(boolean nt5, String label, String value) {
        StringBuilder b = new StringBuilder(label.endsWith("Suffix") ? label + "  " : label);
        for (int offset = b.length(); offset < 34; offset++) {
            b.append(offset % 2 == 0 ? '.' : ' ');
        }
        return (nt5 ? "        " : "   ") + b + ": " + value;
    }

    private static String macAddress(String address) {
        String[] o = address.split("\\.");
        return String.format(Locale.ROOT, "00-15-5D-%02X-%02X-%02X",
                Integer.parseInt(o[1]), Integer.parseInt(o[2]), Integer.parseInt(o[3]));
    }
}
