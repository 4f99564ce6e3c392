package org.wsusremediator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code remediator} — the entry point; each subcommand is one thing an admin does. */
@Command(name = "remediator",
        mixinStandardHelpOptions = true,
        version = "remediator 0.1.0 (WSUS KB954960, Microsoft advisory 954960)",
        description = "Finds WSUS 3.0 servers hit by advisory 954960 and decides, per host, how to remediate.",
        subcommands = {ScanCommand.class, PlanCommand.class, ApproveCommand.class, RejectCommand.class,
                ApplyCommand.class, AbortCommand.class, RetryCommand.class, WindowsCommand.class, ServeCommand.class,
                StatusCommand.class, AuditCommand.class, AdminCommand.class,
                RemediateCommand.class,
                SimulateCommand.class, BenchmarkCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done; every host read and decided",
                "1:internal error",
                "2:bad input (arguments, inventory, credentials, fleet or window file); nothing was done",
                "3:done, but some hosts are UNREACHABLE or NEEDS_REVIEW, or a remediation is not proven (or a run ABORTED)",
                "4:remediate without --confirm: plan printed, nothing changed",
                "5:refused (self-approval, expired or unapproved plan, apply --now not allowed, another process runs the"
                        + " plan, a run SUPERSEDED, remediate --confirm"
                        + " outside the built-in simulated fleet...)",
                "6:audit verify found a tampered record"})
public class RemediatorCommand implements Runnable {

    /** Wide enough for the command list's one-sentence descriptions; picocli's default is 80 columns. */
    static final int USAGE_WIDTH = 120;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        // System.exit runs no finaliser: what a command printed without a line end must not be lost.
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }

    /** Runs the command line printing to {@code out} and {@code err}: every command prints through these. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        ExitCodeMapping exitCodes = new ExitCodeMapping();
        CommandLine cli = new CommandLine(new RemediatorCommand());
        cli.setExecutionExceptionHandler(exitCodes);
        cli.setExitCodeExceptionMapper(exitCodes);
        cli.setUsageHelpWidth(USAGE_WIDTH);
        cli.setParameterExceptionHandler((failure, args) -> {
            CommandLine c = failure.getCommandLine();
            c.getErr().println("remediator: " + failure.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (scan, plan, approve, reject, apply, abort, retry, windows, serve, status, audit, admin, remediate, simulate, benchmark)");
    }
}
