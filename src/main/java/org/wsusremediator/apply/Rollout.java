package org.wsusremediator.apply;

/**
 * How an approved plan rolls out over its hosts: a small canary wave first, then waves of a fixed size, each
 * allowed to start only if the one before went well, with a failure budget for the whole run. It exists so
 * that a bad package or a bad assumption breaks a handful of WSUS servers, not the fleet.
 *
 * @param canary                hosts in the first wave; 0 means no canary wave
 * @param waveSize              hosts in each later wave
 * @param minWaveSuccessPercent a wave starts only if the previous wave reached this success rate, 0 to 100
 * @param maxFailurePercent     more failed hosts than this share of the hosts finished so far aborts the rest,
 *                              0 to 100
 * @param concurrency           hosts worked on at once in a run, 1 to 1024
 * @param perGroup              hosts worked on at once per inventory group, 0 (no limit beyond
 *                              {@code concurrency}) to 1024
 */
public record Rollout(int canary, WaveSize waveSize, int minWaveSuccessPercent, int maxFailurePercent,
                      int concurrency, int perGroup) {

    public static final int MAX_CONCURRENCY = 1024;

    /** The rollout when the file has no {@code rollout} section; each field's default, see docs/change-windows.md. */
    public static final Rollout DEFAULT = new Rollout(1, WaveSize.percent(25), 100, 20, 8, 0);

    public Rollout {
        if (canary < 0) {
            throw new IllegalArgumentException("canary must be 0 or more, was " + canary);
        }
        if (waveSize == null) {
            throw new IllegalArgumentException("waveSize is required");
        }
        requirePercent("minWaveSuccessPercent", minWaveSuccessPercent);
        requirePercent("maxFailurePercent", maxFailurePercent);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY + ", was " + concurrency);
        }
        if (perGroup < 0 || perGroup > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("perGroup must be 0 to " + MAX_CONCURRENCY + ", was " + perGroup);
        }
    }

    private static void requirePercent(String name, int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be 0 to 100, was " + value);
        }
    }

    /**
     * Whether a finished wave lets the next one start: {@code succeeded / hostsInWave >= minWaveSuccess}.
     * Computed in whole numbers so that 100% means every host, never "all but a rounding error".
     */
    public boolean waveSucceeded(int succeeded, int hostsInWave) {
        return (long) succeeded * 100 >= (long) minWaveSuccessPercent * hostsInWave;
    }

    /**
     * Whether the run must stop starting hosts: {@code failed / finished > maxFailures}. "More than", so that
     * 0% tolerates no failure at all and 100% never aborts.
     */
    public boolean failureLimitExceeded(int failed, int finished) {
        return (long) failed * 100 > (long) maxFailurePercent * finished;
    }
}
