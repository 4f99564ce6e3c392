package org.wsusremediator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.wsusremediator.report.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remediator windows pause|resume NAME --reason TEXT --server URL}: an operator pauses a change window on the
 * server (its firings are skipped, also after a restart) or resumes it. Only with --server: the server's scheduler
 * fires the windows, and the pause is kept in its verified audit trail.
 */
@Command(name = "windows", mixinStandardHelpOptions = true,
        description = "Pauses or resumes a change window on the server (windows pause|resume NAME --reason TEXT).",
        subcommands = {WindowsCommand.Pause.class, WindowsCommand.Resume.class})
public class WindowsCommand {

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pauses a change window on the server (role operator; needs --server).",
                    "Its firings are skipped until it is resumed, also after a restart."})
    static class Pause extends Step {
        Pause() {
            super(true);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"Resumes a paused change window on the server (role operator). Needs --server."})
    static class Resume extends Step {
        Resume() {
            super(false);
        }
    }

    abstract static class Step extends ConsoleCommand implements Callable<Integer> {

        private final boolean pause;

        @Parameters(index = "0", paramLabel = "WINDOW")
        String window;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (a ticket, a sentence; audited)")
        String reason;

        @Mixin
        ServerOptions server;

        Step(boolean pause) {
            this.pause = pause;
        }

        @Override
        public Integer call() {
            JsonNode answer = server.required("windows " + (pause ? "pause" : "resume")).pauseWindow(window, pause, reason);
            JsonNode paused = answer.path("paused");
            String name = Printable.line(answer.path("window").asText(window));
            if (paused.isNull() || paused.isMissingNode()) {
                out().printf("window %s resumed; next start %s%n", name, Printable.line(answer.path("next_start").asText("never")));
            } else {
                out().printf("window %s paused by %s: %s; its firings are skipped until resumed%n", name,
                        Printable.line(paused.path("by").asText("?")), Printable.line(paused.path("reason").asText("")));
            }
            return ExitCodes.OK;
        }
    }
}
