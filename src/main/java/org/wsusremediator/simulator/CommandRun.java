package org.wsusremediator.simulator;

import java.io.ByteArrayOutputStream;

/**
 * One command in a shell. Most commands run the moment they arrive and their whole output waits for the first
 * Receive; a command that reads its script from stdin ({@code powershell -Command -}) runs once stdin has ended.
 */
final class CommandRun {

    private final String id;
    private final String commandLine;
    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private boolean stdinEnded;
    private boolean waitsForStdinEnd;
    private ExecutionResult result;
    private boolean delivered;

    CommandRun(String id, String commandLine) {
        this.id = id;
        this.commandLine = commandLine;
    }

    String id() {
        return id;
    }

    String commandLine() {
        return commandLine;
    }

    synchronized void appendStdin(byte[] data, boolean end) {
        stdin.writeBytes(data);
        stdinEnded |= end;
    }

    synchronized boolean stdinEnded() {
        return stdinEnded;
    }

    synchronized byte[] stdin() {
        return stdin.toByteArray();
    }

    /**
     * The program has done its work but does not exit until its stdin is closed (PowerShell 1.0/2.0, wmic; see
     * {@link StdinWait}): its result is held back, and the command stays Running, until a Send with End="true".
     */
    synchronized void holdUntilStdinEnds() {
        waitsForStdinEnd = true;
    }

    /** True while the result is held back for a stdin that is still open. */
    synchronized boolean waitingForStdin() {
        return waitsForStdinEnd && !stdinEnded;
    }

    synchronized void complete(ExecutionResult result) {
        this.result = result;
    }

    synchronized ExecutionResult result() {
        return result;
    }

    /** The output goes out with the first Receive after completion; later Receives get empty streams. */
    synchronized ExecutionResult takeOutput() {
        if (result == null) {
            return null;
        }
        if (delivered) {
            return new ExecutionResult("", "", result.exitCode());
        }
        delivered = true;
        return result;
    }
}
