package org.wsusremediator.simulator;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remediator's client web service check (scripts/health-web.ps1, docs/remediation-protocol.md section 3), recognised
 * by its first line: an HTTP GET of {@code $url} from the host itself, answered truthfully from the host's state. The
 * client web service answers only on the host's own name ({@code localhost}, 127.0.0.1) at the port its WSUS Setup key
 * names (PortNumber), and only while IIS ({@code W3SVC}) runs: 200 with the WSUS service running, 503 without it
 * (*guess*: what IIS answers for WSUS's web services while the WSUS service is stopped is not established; any answer
 * other than 200 fails the check). No listener there: no answer ({@code health.http=0}) with .NET's message, which a
 * non-English host translates, so the product reads only the number.
 */
final class HealthScript implements PowerShellScript {

    static final String MARKER = "# wsus-remediator health v1";
    private static final Pattern URL = Pattern.compile("(?m)^\\s*\\$url\\s*=\\s*'([^']*)'\\s*$");
    private static final Pattern LOCAL = Pattern.compile("(?i)http://(localhost|127\\.0\\.0\\.1)(?::(\\d{1,5}))?(/[^?#]*)");
    static final String CLIENT_WEB_SERVICE = "/clientwebservice/client.asmx";

    @Override
    public int run(PowerShellCall call) {
        Matcher m = URL.matcher(call.script());
        String url = m.find() ? m.group(1) : "";
        int status = status(call.host(), url);
        call.outLine("WSUSHEALTH 1");
        call.outLine("health.http=" + status);
        call.outLine("health.error=" + (status == 0 ? "Unable to connect to the remote server" : ""));
        call.outLine("END");
        return 0;
    }

    /** What the host answers to a GET of {@code url} on itself: an HTTP status, or 0 when nothing listens. */
    static int status(SimulatedHost host, String url) {
        Matcher u = LOCAL.matcher(url);
        if (!u.matches()) {
            return 0;
        }
        int port = u.group(2) == null ? 80 : Integer.parseInt(u.group(2));
        Optional<Integer> wsusPort = host.wsusPortNumber();
        if (wsusPort.isEmpty() || wsusPort.get() != port || !host.serviceRunning(WindowsLayout.IIS_SERVICE)) {
            return 0;
        }
        if (!u.group(3).toLowerCase(Locale.ROOT).equals(CLIENT_WEB_SERVICE)) {
            return 404;
        }
        return host.serviceRunning(WindowsLayout.WSUS_SERVICE) ? 200 : 503;
    }
}
