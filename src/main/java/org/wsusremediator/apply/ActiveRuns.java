package org.wsusremediator.apply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this process is carrying out, by run id, so that an operator can abort one (the server's
 * {@code POST /api/v1/runs/{id}/abort}). Aborting takes the path a run's own abort takes (failure budget, wave
 * success): hosts already started finish their visit, hosts not yet started end ABORTED with the reason, and the
 * run is journaled ABORTED with it. A run carried out by another process is not here and cannot be aborted here.
 */
public final class ActiveRuns {

    private static final Map<String, ApplyRun> RUNNING = new ConcurrentHashMap<>();

    private ActiveRuns() {
    }

    static void started(ApplyRun run) {
        RUNNING.put(run.runId(), run);
    }

    static void ended(ApplyRun run) {
        RUNNING.remove(run.runId(), run);
    }

    /** Whether the run is carried out by this process and still going. */
    public static boolean here(String runId) {
        return RUNNING.containsKey(runId);
    }

    /**
     * Aborts the run with {@code reason} and returns the reason it is aborted for: the first one given stays (the
     * run may have aborted itself already, its failure budget spent). Empty when this process is not carrying it out
     * (it ended, or another process runs it).
     */
    public static java.util.Optional<String> abort(String runId, String reason) {
        ApplyRun run = RUNNING.get(runId);
        if (run == null) {
            return java.util.Optional.empty();
        }
        run.abort(reason);
        return java.util.Optional.ofNullable(run.abortReason());
    }
}
