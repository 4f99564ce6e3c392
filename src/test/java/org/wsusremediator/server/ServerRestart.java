package org.wsusremediator.server;

import java.nio.file.Path;

/**
 * Stops and starts again the server {@link ApiServerScenario#start} started, on the same files (changed or not by the
 * test meanwhile) and the same store, so that a test can write to the database, which the running server holds.
 */
final class ServerRestart {

    private ServerRestart() {
    }

    static void stop() throws Exception {
        ApiServerScenario.server.close();
    }

    static void launch() throws Exception {
        Path server = ApiServerScenario.dir.resolve("server");
        ApiServerScenario.output.clear();
        ApiServerScenario.server = ServerProcess.start(server.resolve("server.yaml"), server, ApiServerScenario.output);
        ApiServerScenario.api = ApiServerScenario.server.baseUrl() + "/api/v1";
    }
}
