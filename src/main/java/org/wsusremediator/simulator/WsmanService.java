package org.wsusremediator.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WS-Management shell endpoint of one simulated host, independent of HTTP: Create, Command, Receive, Signal,
 * Send and Delete against the host's shells, plus the host's deliberate faults. Commands run synchronously when
 * they arrive (from the host's state), so a single Receive returns everything with the Done state.
 */
final class WsmanService {

    private static final Logger LOG = LoggerFactory.getLogger(WsmanService.class);
    /** A Receive for a command still waiting for stdin is answered with a timeout fault after at most this long. */
    private static final long MAX_RECEIVE_WAIT_MS = 60_000;

    private final CommandRegistry registry;
    private final long stallCapMs;
    private final LogRedactor redactor;

    WsmanService(CommandRegistry registry, long stallCapMs, LogRedactor redactor) {
        this.registry = registry;
        this.stallCapMs = stallCapMs;
        this.redactor = redactor;
    }

    /** Handles an authenticated request; {@code endpoint} is the URL the client used (for ResourceCreated). */
    WsmanReply handle(SimulatedHost host, String user, WsmanRequest request, String endpoint) {
        String action = request.action();
        try {
            if (Wsman.CREATE.equals(action)) {
                return create(host, user, request, endpoint);
            }
            if (!action.equals(Wsman.COMMAND) && !action.equals(Wsman.RECEIVE) && !action.equals(Wsman.SIGNAL)
                    && !action.equals(Wsman.SEND) && !action.equals(Wsman.DELETE)) {
                return fault(host, request, WsmanFault.actionNotSupported(action));
            }
            Optional<ShellSession> shell = host.shell(request.shellId());
            if (shell.isEmpty()) {
                return fault(host, request, WsmanFault.shellNotFound(request.shellId() == null ? "(none)" : request.shellId()));
            }
            return switch (action) {
                case Wsman.COMMAND -> command(host, shell.get(), request);
                case Wsman.RECEIVE -> receive(host, shell.get(), request);
                case Wsman.SIGNAL -> signal(host, shell.get(), request);
                case Wsman.SEND -> send(host, shell.get(), request);
                default -> delete(host, shell.get(), request);
            };
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed inside the simulator", host.name(), Wsman.shortName(action), e);
            return fault(host, request, WsmanFault.internalError(e.toString()));
        }
    }

    static WsmanReply fault(SimulatedHost host, WsmanRequest request, WsmanFault fault) {
        String relatesTo = request == null ? null : request.messageId();
        return WsmanReply.fault(500, WsmanXml.envelope(fault.action(), relatesTo, WsmanXml.fault(fault, host.address())));
    }

    private static WsmanReply ok(WsmanRequest request, String responseAction, String body) {
        return WsmanReply.ok(WsmanXml.envelope(responseAction, request.messageId(), body));
    }

    private WsmanReply create(SimulatedHost host, String user, WsmanRequest request, String endpoint) {
        if (!request.resourceUri().isEmpty() && !Wsman.CMD_RESOURCE_URI.equals(request.resourceUri())) {
            return fault(host, request, WsmanFault.resourceNotSupported(request.resourceUri()));
        }
        if (host.hasFault(HostFault.SOAP_FAULT)) {
            return fault(host, request, WsmanFault.accessDenied());
        }
        Optional<ShellSession> shell = host.openShell(user, shellEnvironment(request.body()), codePage(request));
        if (shell.isEmpty()) {
            return fault(host, request, WsmanFault.shellQuotaExceeded(host.wsmanStack().maxShellsPerUser()));
        }
        return ok(request, Wsman.CREATE + "Response", WsmanXml.resourceCreated(endpoint, shell.get().id()));
    }

    /** The WINRS_CODEPAGE option of a Create (WinRM4J and pywinrm send 437), or null when absent or not a number. */
    private static Integer codePage(WsmanRequest request) {
        String value = request.options() == null ? null : request.options().get("WINRS_CODEPAGE");
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** rsp:Environment/rsp:Variable entries of the Create body. */
    private static Map<String, String> shellEnvironment(Element shell) {
        Map<String, String> env = new HashMap<>();
        Element environment = WsmanParser.child(shell, Wsman.SHELL, "Environment");
        for (Element v = WsmanParser.firstElement(environment); v != null; v = WsmanParser.nextElement(v)) {
            env.put(v.getAttribute("Name"), v.getTextContent());
        }
        return env;
    }

    private WsmanReply command(SimulatedHost host, ShellSession shell, WsmanRequest request) {
        Element commandLine = request.body();
        if (commandLine == null || !"CommandLine".equals(commandLine.getLocalName())) {
            return fault(host, request, WsmanFault.invalidParameter());
        }
        List<String> parts = new ArrayList<>();
        parts.add(WsmanParser.text(WsmanParser.child(commandLine, Wsman.SHELL, "Command")));
        for (Element a = WsmanParser.firstElement(commandLine); a != null; a = WsmanParser.nextElement(a)) {
            if ("Arguments".equals(a.getLocalName())) {
                parts.add(a.getTextContent());
            }
        }
        String line = String.join(" ", parts);
        CommandRun run = shell.addCommand(line);
        if (!PowerShellCommand.readsStdin(line)) {
            execute(host, shell, run, "");
            if (StdinWait.waits(host, line, shell.environment())) {
                run.holdUntilStdinEnds();
            }
            if (host.takeConnectionDrop()) {
                return new WsmanReply.Drop(); // fault dropDuringInstall: the command ran, its answer is lost
            }
        }
        String body = WsmanXml.envelope(Wsman.COMMAND + "Response", request.messageId(), WsmanXml.commandResponse(run.id()));
        if (host.hasFault(HostFault.MALFORMED_XML)) {
            // cut mid-element: the client's XML parser must fail, not our HTTP framing
            return WsmanReply.ok(body.substring(0, body.length() / 2));
        }
        return WsmanReply.ok(body);
    }

    private void execute(SimulatedHost host, ShellSession shell, CommandRun run, String stdin) {
        host.clients().commandRun();
        ShellContext context = new ShellContext(host, shell.owner(), copy(shell.environment()), registry, redactor);
        ExecutionResult result = CmdInterpreter.run(context, run.commandLine(), stdin);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: '{}' -> exit {}", host.name(), abbreviate(redactor.redact(run.commandLine())), result.exitCode());
        }
        run.complete(result);
    }

    private static Map<String, String> copy(Map<String, String> env) {
        Map<String, String> c = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.putAll(env);
        return c;
    }

    private WsmanReply receive(SimulatedHost host, ShellSession shell, WsmanRequest request) {
        Element desired = WsmanParser.child(request.body(), Wsman.SHELL, "DesiredStream");
        Optional<CommandRun> run = shell.command(WsmanParser.attribute(desired, "CommandId"));
        if (run.isEmpty()) {
            return fault(host, request, WsmanFault.invalidParameter());
        }
        if (host.hasFault(HostFault.STALL)) {
            return new WsmanReply.Hold(stallCapMs);
        }
        if (host.hasFault(HostFault.DROP_MID_COMMAND)) {
            return new WsmanReply.Drop();
        }
        CommandRun command = run.get();
        if (command.waitingForStdin()) {
            // Nothing more comes until the client closes stdin: WinRM answers each Receive with the TimedOut fault
            // after its OperationTimeout, which clients take as "still running" and poll again.
            return new WsmanReply.Delayed(fault(host, request, WsmanFault.operationTimeout()), receiveWait(request));
        }
        if (command.result() == null) {
            if (!command.stdinEnded()) {
                return new WsmanReply.Delayed(fault(host, request, WsmanFault.operationTimeout()), receiveWait(request));
            }
            execute(host, shell, command, new String(command.stdin(), StandardCharsets.UTF_8));
            if (host.takeConnectionDrop()) {
                return new WsmanReply.Drop();
            }
        }
        ExecutionResult out = command.takeOutput();
        return ok(request, Wsman.RECEIVE + "Response", WsmanXml.receiveResponse(command.id(),
                ExecutionResult.consoleBytes(out.stdout(), shell.codePage()), ExecutionResult.consoleBytes(out.stderr(), shell.codePage()),
                out.exitCode()));
    }

    private static long receiveWait(WsmanRequest request) {
        return request.operationTimeoutMs() > 0 ? Math.min(request.operationTimeoutMs(), MAX_RECEIVE_WAIT_MS) : MAX_RECEIVE_WAIT_MS;
    }

    private WsmanReply signal(SimulatedHost host, ShellSession shell, WsmanRequest request) {
        String commandId = WsmanParser.attribute(request.body(), "CommandId");
        if (shell.command(commandId).isEmpty()) {
            return fault(host, request, WsmanFault.invalidParameter());
        }
        String code = WsmanParser.text(WsmanParser.child(request.body(), Wsman.SHELL, "Code"));
        if (code.isEmpty() || code.equals(Wsman.SIGNAL_TERMINATE)) {
            shell.removeCommand(commandId);
        }
        return ok(request, Wsman.SIGNAL + "Response", "<rsp:SignalResponse/>");
    }

    private WsmanReply send(SimulatedHost host, ShellSession shell, WsmanRequest request) {
        for (Element s = WsmanParser.firstElement(request.body()); s != null; s = WsmanParser.nextElement(s)) {
            if (!"Stream".equals(s.getLocalName())) {
                continue;
            }
            Optional<CommandRun> run = shell.command(WsmanParser.attribute(s, "CommandId"));
            if (run.isEmpty()) {
                return fault(host, request, WsmanFault.invalidParameter());
            }
            byte[] data;
            try {
                data = Base64.getMimeDecoder().decode(s.getTextContent().strip());
            } catch (IllegalArgumentException e) {
                return fault(host, request, WsmanFault.invalidXml("stdin is not base64"));
            }
            run.get().appendStdin(data, "true".equalsIgnoreCase(WsmanParser.attribute(s, "End")));
        }
        return ok(request, Wsman.SEND + "Response", "<rsp:SendResponse/>");
    }

    private WsmanReply delete(SimulatedHost host, ShellSession shell, WsmanRequest request) {
        host.closeShell(shell.id());
        return ok(request, Wsman.DELETE + "Response", "");
    }

    private static String abbreviate(String line) {
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
