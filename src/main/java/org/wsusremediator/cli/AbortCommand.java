package org.wsusremediator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.wsusremediator.report.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remediator abort RUN --reason TEXT --server URL}: aborts a run the server carries out (role operator), as the
 * run aborts itself on a spent failure budget. Only with --server: a run is aborted by the process running it.
 */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = {"Aborts a running run on the server (role operator; needs --server).",
                "Hosts not yet started end ABORTED with your reason; started ones finish their visit."})
public class AbortCommand extends ConsoleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (a ticket, a sentence; audited)")
    String reason;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
        JsonNode answer = server.required("abort").abortRun(runId, reason);
        out().printf("run %s of plan %s: aborting (%s); hosts not yet started end ABORTED, started ones finish their"
                + " visit%n", Printable.line(answer.path("run").asText(runId)), Printable.line(answer.path("plan").asText()),
                Printable.line(answer.path("abort_reason").asText()));
        return ExitCodes.OK;
    }
}
