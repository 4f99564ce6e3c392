package org.wsusremediator.remediate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wsusremediator.classify.Sp1Dll;
import org.wsusremediator.host.HealthCheck;
import org.wsusremediator.host.HealthReport;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.PowerShellLine;
import org.wsusremediator.probe.RemoteShell;

/**
 * The post-install health check of a WSUS 3.0 SP1 server (docs/remediation-protocol.md, section 3), in the visit's
 * shell: the client web service DLL at 3.1.6001.66 or later (from the facts just probed), the WSUS service
 * ({@code WsusService}) and IIS ({@code W3SVC}) running ({@code sc query}, read by the state's number, which no display
 * language translates), and the client web service answering on the host itself at
 * {@code http://localhost:<PortNumber>/ClientWebService/client.asmx}, the port read from WSUS's Setup key. Only an HTTP
 * 200 counts as answering. A host without PowerShell has no built-in way to fetch a URL from cmd.exe that we trust
 * (Server 2003): that check is NOT_CHECKED, named in the report, never passed in disguise.
 */
final class WsusHealth {

    static final String WSUS_SERVICE = "WsusService";
    static final String IIS_SERVICE = "W3SVC";
    static final String SETUP_KEY = "HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup";
    /** SERVICE_RUNNING in the SERVICE_STATUS structure (Microsoft, "SERVICE_STATUS structure"). */
    static final int SERVICE_RUNNING = 4;
    /** sc's lines are "LABEL : value"; the state is the one whose value is a single digit (1-7) and a word in capitals. */
    private static final Pattern STATE = Pattern.compile("(?m)^\\s*[^:\\r\\n]+:\\s+([1-7])\\s+[A-Z_]+\\s*$");
    private static final Pattern PORT = Pattern.compile("(?mi)^\\s*PortNumber\\s+REG_DWORD\\s+0x([0-9a-f]{1,8})\\s*$");
    private static final String SCRIPT = script();

    private WsusHealth() {
    }

    static HealthReport check(RemoteShell shell, Facts facts) {
        List<HealthCheck> checks = new ArrayList<>();
        Sp1Dll dll = Sp1Dll.of(facts.dllVersion());
        checks.add(dll == Sp1Dll.FIXED ? HealthCheck.passed("dll", "at " + facts.dllVersion())
                : HealthCheck.failed("dll", facts.dllVersion() == null ? "missing" : "at " + facts.dllVersion()
                        + ", not 3.1.6001.66 or later of the SP1 line"));
        checks.add(service(shell, WSUS_SERVICE));
        checks.add(service(shell, IIS_SERVICE));
        Integer port = port(shell);
        checks.add(port == null ? HealthCheck.failed("portNumber", "PortNumber not readable in " + SETUP_KEY)
                : HealthCheck.passed("portNumber", String.valueOf(port)));
        checks.add(clientWebService(shell, facts, port));
        return new HealthReport(Instant.now(), checks);
    }

    private static HealthCheck service(RemoteShell shell, String name) {
        RemoteShell.CommandResult r = shell.run("sc query " + name);
        if (r.exitCode() != 0) {
            // 1060: not installed; anything else: sc could not ask the service control manager
            return HealthCheck.failed(name, "sc query exit " + r.exitCode() + (r.exitCode() == 1060 ? " (not installed)" : ""));
        }
        Matcher m = STATE.matcher(r.stdout());
        if (!m.find()) {
            return HealthCheck.failed(name, "no state in sc's answer: " + excerpt(r.stdout()));
        }
        int state = Integer.parseInt(m.group(1));
        return state == SERVICE_RUNNING ? HealthCheck.passed(name, "STATE 4, running")
                : HealthCheck.failed(name, "STATE " + state + (state == 1 ? ", stopped" : ", not running"));
    }

    /** PortNumber from the Setup key (reg prints a DWORD as 0x hex on every version and language); null if absent. */
    static Integer port(RemoteShell shell) {
        RemoteShell.CommandResult r = shell.run("reg query \"" + SETUP_KEY + "\" /v PortNumber");
        Matcher m = PORT.matcher(r.stdout());
        if (r.exitCode() != 0 || !m.find()) {
            return null;
        }
        long port = Long.parseLong(m.group(1), 16);
        return port >= 1 && port <= 65535 ? (int) port : null;
    }

    static String url(int port) {
        return "http://localhost:" + port + "/ClientWebService/client.asmx";
    }

    private static HealthCheck clientWebService(RemoteShell shell, Facts facts, Integer port) {
        String name = "clientWebService";
        if (port == null) {
            return HealthCheck.failed(name, "no port to ask (PortNumber)");
        }
        String url = url(port);
        if (facts.powerShellVersion() == null) {
            return new HealthCheck(name, HealthCheck.Result.NOT_CHECKED, "no PowerShell on the host, so no HTTP client"
                    + " to ask " + url + " with (docs/remediation-protocol.md, section 3): check it by hand");
        }
        String out = shell.run(PowerShellLine.of(SCRIPT.replace("{url}", url))).stdout();
        Integer status = null;
        String error = "";
        boolean header = false;
        boolean end = false;
        for (String raw : out.split("\r?\n")) {
            String line = raw.strip();
            if (line.equals("WSUSHEALTH 1")) {
                header = true;
            } else if (line.equals("END")) {
                end = true;
            } else if (line.startsWith("health.http=") && line.substring(12).matches("\\d{1,3}")) {
                status = Integer.parseInt(line.substring(12));
            } else if (line.startsWith("health.error=")) {
                error = line.substring(13);
            }
        }
        if (!header || !end || status == null) {
            return HealthCheck.failed(name, "the check's output is incomplete: " + excerpt(out));
        }
        if (status == 200) {
            return HealthCheck.passed(name, "HTTP 200 from " + url);
        }
        return HealthCheck.failed(name, status == 0 ? "no answer from " + url + (error.isBlank() ? "" : ": "
                + excerpt(error)) : "HTTP " + status + " from " + url);
    }

    /** Host text in a reason: one line, printable ASCII, at most 120 characters. */
    private static String excerpt(String text) {
        String one = text.strip().replaceAll("\\s+", " ").replaceAll("[^ -~]", "?");
        return one.length() <= 120 ? one : one.substring(0, 120) + "...";
    }

    private static String script() {
        try (InputStream in = WsusHealth.class.getResourceAsStream("/scripts/health-web.ps1")) {
            return PowerShellLine.compact(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException("cannot read scripts/health-web.ps1", e instanceof IOException io ? io
                    : new IOException(e));
        }
    }
}
