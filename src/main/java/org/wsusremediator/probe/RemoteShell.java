package org.wsusremediator.probe;

/**
 * One open command shell on one host: every command of a host visit runs in the same shell.
 * The WinRM component implements it; the probe knows nothing of WinRM.
 */
public interface RemoteShell {

    /** Runs one cmd.exe command line and waits for it to finish. Transport failures are thrown as exceptions. */
    CommandResult run(String commandLine);

    record CommandResult(int exitCode, String stdout, String stderr) {
    }
}
