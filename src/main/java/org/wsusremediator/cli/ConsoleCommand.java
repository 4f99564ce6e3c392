package org.wsusremediator.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command printing through picocli's writers (results to {@link #out}, progress and messages to {@link #err}),
 * never through System.out: whoever runs the command line chooses where its output goes.
 */
abstract class ConsoleCommand {

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
