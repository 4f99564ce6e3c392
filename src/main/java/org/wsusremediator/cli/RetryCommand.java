package org.wsusremediator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wsusremediator.client.ServerClient;
import org.wsusremediator.report.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remediator retry RUN --reason TEXT --server URL}: the server starts a new run of the run's plan for the
 * hosts it left failed, under the same approval if it still holds (docs/server.md), and this command follows that
 * run as {@code apply --now --server} does: exit 0 when every retried host ended proven, 3 otherwise, 5 refused.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Retries the hosts a run left failed, under the same approval (role operator; needs --server).",
                "Failed means FAILED, UNKNOWN, NEEDS_REVIEW, ...; the approval must still hold and the window file",
                "must allow runs now. It follows the new run. A host the failed run may have changed is asked first,",
                "never installed twice."})
public class RetryCommand extends ConsoleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (a ticket, a sentence; audited)")
    String reason;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws InterruptedException {
        ServerClient client = server.required("retry");
        String planId = client.run(runId).path("plan").asText();
        Set<String> before = RemoteSteps.runIdsOf(client, planId);
        JsonNode answer = client.retryRun(runId, reason);
        err().println("retrying on the server the failed hosts of run " + Printable.line(runId) + " (plan "
                + Printable.line(planId) + "): " + Printable.line(String.join(", ", words(answer.path("hosts"))))
                + (answer.path("not_approved").isEmpty() ? ""
                        : "; not approved any more, not retried: "
                                + Printable.line(String.join(", ", words(answer.path("not_approved"))))));
        err().flush();
        return RemoteSteps.follow(client, planId, before, out(), err());
    }

    private static List<String> words(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
