package org.wsusremediator.window;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.quartz.Scheduler;

/**
 * A window firing that Quartz's clustered job store re-executes on a live node because the node that was running it
 * stopped checking in (the window's job requests recovery: {@code recoverableJob=true} in
 * routes/change-window.camel.yaml). Quartz fires such a job through a one-shot trigger in group
 * {@value Scheduler#DEFAULT_RECOVERY_GROUP} named {@code recover_<failed instance id>_<n>}, whose job data carries the
 * original trigger's scheduled fire time ({@link Scheduler#FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS},
 * Quartz's {@code JobStoreSupport.clusterRecover}).
 *
 * @param failedNode    the instance id of the node that stopped checking in (from the recovery trigger's name)
 * @param originalStart when the window's own trigger was due: the window's end is computed from it, never from the
 *                      time of the recovery
 */
public record RecoveredFiring(String failedNode, Instant originalStart) {

    private static final String PREFIX = "recover_";

    /**
     * The recovery, from camel-quartz's headers of a firing ({@code triggerGroup}, {@code triggerName},
     * {@code mergedJobDataMap}); empty for an ordinary firing. The original start comes from the job data: the
     * scheduled fire time where Quartz records it, else the original fire time (when the failed node fired it, at
     * most its misfire threshold after it was due).
     */
    public static Optional<RecoveredFiring> of(String triggerGroup, String triggerName, Map<?, ?> jobData) {
        if (!Scheduler.DEFAULT_RECOVERY_GROUP.equals(triggerGroup) || jobData == null) {
            return Optional.empty();
        }
        Long start = millis(jobData.get(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS));
        if (start == null) {
            start = millis(jobData.get(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS));
        }
        if (start == null) {
            return Optional.empty(); // not a recovery Quartz made: an ordinary firing, as before
        }
        String node = null;
        if (triggerName != null && triggerName.startsWith(PREFIX) && triggerName.lastIndexOf('_') > PREFIX.length()) {
            node = triggerName.substring(PREFIX.length(), triggerName.lastIndexOf('_'));
        }
        return Optional.of(new RecoveredFiring(node, Instant.ofEpochMilli(start)));
    }

    private static Long millis(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException notMillis) {
            return null;
        }
    }
}
