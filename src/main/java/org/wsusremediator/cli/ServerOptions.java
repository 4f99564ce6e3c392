package org.wsusremediator.cli;

import java.nio.file.Path;
import org.wsusremediator.client.ServerAddress;
import org.wsusremediator.client.ServerClient;
import picocli.CommandLine.Option;

/**
 * {@code --server URL}: the command asks the remediator server (docs/server.md) instead of opening the store, with
 * the caller's personal token from {@code REMEDIATOR_ADMIN_TOKEN}. Without it the command works on the local store,
 * which is for the simulated lab fleet only (README).
 */
class ServerOptions {

    /** Where REMEDIATOR_ADMIN_TOKEN is read; tests put their own map here. */
    static java.util.function.UnaryOperator<String> environment = System::getenv;

    @Option(names = "--server", paramLabel = "URL",
            description = "the remediator server to ask (https://…; plain http only to a loopback address); your token"
                    + " comes from REMEDIATOR_ADMIN_TOKEN")
    String server;

    @Option(names = "--server-ca", paramLabel = "FILE",
            description = "trust exactly the CA certificates in this PEM file for the server (default: the JVM's)")
    Path serverCa;

    boolean remote() {
        return server != null;
    }

    /**
     * The client, for a command that exists only on the server (abort, retry, windows pause|resume): an operator's
     * step the server authenticates, on runs and windows the server carries out. Without --server it is bad input.
     */
    ServerClient required(String command) {
        if (!remote()) {
            throw new BadInput("'" + command + "' needs --server URL: it is an operator's step on the runs and windows"
                    + " the remediator server carries out (your token from REMEDIATOR_ADMIN_TOKEN); nothing was done");
        }
        return client();
    }

    ServerClient client() {
        try {
            return new ServerClient(ServerAddress.parse(server), environment.apply("REMEDIATOR_ADMIN_TOKEN"), serverCa);
        } catch (IllegalArgumentException bad) {
            throw new BadInput(bad.getMessage(), bad);
        }
    }
}
