package org.wsusremediator.apply;

/**
 * How many hosts a wave after the canary holds: a fixed count, or a percentage of the run's hosts. A
 * percentage lets one rollout setting fit a run of 4 hosts and a run of 400 alike.
 *
 * @param value   the count (1 or more), or the percentage (1 to 100)
 * @param percent whether {@code value} is a percentage
 */
public record WaveSize(int value, boolean percent) {

    public WaveSize {
        // A wave of 0 hosts would never finish the run, so 0 is refused even as a percentage.
        if (value < 1) {
            throw new IllegalArgumentException("a wave size is at least 1, was " + value);
        }
        if (percent && value > 100) {
            throw new IllegalArgumentException("a wave size percentage is at most 100%, was " + value + "%");
        }
    }

    public static WaveSize count(int hosts) {
        return new WaveSize(hosts, false);
    }

    public static WaveSize percent(int percent) {
        return new WaveSize(percent, true);
    }

    /**
     * The hosts per wave for a run of {@code total} hosts. A percentage rounds up and is at least 1, so that
     * 25% of 3 hosts still makes progress (1 host per wave) instead of a wave of none.
     */
    public int hostsOf(int total) {
        if (total <= 0) {
            return 0;
        }
        if (!percent) {
            return value;
        }
        long rounded = ((long) total * value + 99) / 100;
        return (int) Math.max(1, rounded);
    }

    /** As written in the file: {@code 5} or {@code 25%}. */
    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
