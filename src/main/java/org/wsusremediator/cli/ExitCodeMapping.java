package org.wsusremediator.cli;

import org.wsusremediator.client.ServerCallFailed;
import java.io.PrintWriter;
import org.wsusremediator.inventory.CredentialException;
import org.wsusremediator.inventory.InvalidInventoryException;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.report.Printable;
import org.wsusremediator.simulator.FleetFileException;
import org.wsusremediator.store.RunConflictException;
import org.wsusremediator.store.StoreInUseException;
import org.wsusremediator.window.InvalidScheduleException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a failure becomes an exit code and a message, for every command: commands throw, and
 * return an exit code only for outcomes (0 done, 3 hosts unresolved, 4 not confirmed, 6 audit broken).
 * Bad input is 2, a refusal 5, anything else an internal error (1). A message is printed without a stack trace,
 * and through {@link Printable}: it may quote a file's or a host's text.
 */
final class ExitCodeMapping implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable given) {
        Throwable failure = storeInUse(given);
        if (failure instanceof ServerCallFailed call) {
            // the server's answer, mapped as the same failure would be locally
            return call.badInput() ? ExitCodes.BAD_INPUT : call.refused() ? ExitCodes.REFUSED : ExitCodes.INTERNAL_ERROR;
        }
        if (failure instanceof BadInput || failure instanceof InvalidInventoryException
                || failure instanceof CredentialException || failure instanceof FleetFileException
                || failure instanceof InvalidScheduleException) {
            return ExitCodes.BAD_INPUT;
        }
        if (failure instanceof Refused || failure instanceof ApprovalRefused || failure instanceof RunConflictException
                || failure instanceof StoreInUseException) {
            return ExitCodes.REFUSED;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    @Override
    public int handleExecutionException(Exception given, CommandLine commandLine, ParseResult parseResult) {
        Throwable failure = storeInUse(given);
        int code = getExitCode(failure);
        PrintWriter err = commandLine.getErr();
        switch (code) {
            case ExitCodes.BAD_INPUT -> err.println("remediator: " + Printable.block(failure.getMessage()));
            case ExitCodes.REFUSED -> err.println("remediator: refused: " + Printable.block(failure.getMessage()));
            default -> err.println(failure instanceof ServerCallFailed call
                    ? "remediator: server: " + Printable.block(call.getMessage()) + " (" + call.code() + ")"
                    : "remediator: internal error: " + Printable.block(String.valueOf(failure)));
        }
        err.flush();
        return code;
    }

    /**
     * The store held by another process, wherever it surfaced (opening it, or a connection a run or a Camel route
     * asked for later, wrapped by them), else {@code failure} itself.
     */
    private static Throwable storeInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreInUseException held) {
                return held;
            }
        }
        return failure;
    }
}
