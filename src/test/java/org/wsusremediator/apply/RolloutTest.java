package org.wsusremediator.apply;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wave sizes, the documented defaults and the success and failure thresholds. */
class RolloutTest {

    @Test
    void aCountIsTheCountAndAPercentageRoundsUpToAtLeastOneHost() {
        assertThat(WaveSize.count(5).hostsOf(26)).isEqualTo(5);
        assertThat(WaveSize.count(5).hostsOf(3)).isEqualTo(5);
        assertThat(WaveSize.percent(25).hostsOf(26)).isEqualTo(7);
        assertThat(WaveSize.percent(25).hostsOf(8)).isEqualTo(2);
        assertThat(WaveSize.percent(1).hostsOf(3)).isEqualTo(1);
        assertThat(WaveSize.percent(100).hostsOf(26)).isEqualTo(26);
        assertThat(WaveSize.percent(25).hostsOf(0)).isZero();
    }

    @Test
    void waveSizeReadsAsWritten() {
        assertThat(WaveSize.count(5)).hasToString("5");
        assertThat(WaveSize.percent(25)).hasToString("25%");
    }

    @Test
    void waveSizeIsAtLeastOneAndAtMostAllHosts() {
        assertThatThrownBy(() -> WaveSize.count(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaveSize.percent(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(Rollout.DEFAULT).isEqualTo(new Rollout(1, WaveSize.percent(25), 100, 20, 8, 0));
    }

    @Test
    void hundredPercentWaveSuccessMeansEveryHost() {
        Rollout strict = Rollout.DEFAULT;

        assertThat(strict.waveSucceeded(7, 7)).isTrue();
        assertThat(strict.waveSucceeded(6, 7)).isFalse();
        assertThat(new Rollout(1, WaveSize.count(5), 80, 20, 8, 0).waveSucceeded(4, 5)).isTrue();
        assertThat(new Rollout(1, WaveSize.count(5), 80, 20, 8, 0).waveSucceeded(3, 5)).isFalse();
    }

    @Test
    void theFailureLimitIsExceededOnlyByMoreThanTheShare() {
        Rollout tenPercent = new Rollout(1, WaveSize.percent(25), 100, 10, 8, 2);

        assertThat(tenPercent.failureLimitExceeded(1, 10)).isFalse(); // exactly 10%
        assertThat(tenPercent.failureLimitExceeded(2, 10)).isTrue();
        assertThat(tenPercent.failureLimitExceeded(0, 0)).isFalse();
        assertThat(new Rollout(1, WaveSize.percent(25), 100, 0, 8, 0).failureLimitExceeded(1, 100)).isTrue();
        assertThat(new Rollout(1, WaveSize.percent(25), 100, 100, 8, 0).failureLimitExceeded(5, 5)).isFalse();
    }

    @Test
    void refusesOutOfRangeSettings() {
        assertThatThrownBy(() -> new Rollout(-1, WaveSize.count(1), 100, 20, 8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rollout(1, WaveSize.count(1), 101, 20, 8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rollout(1, WaveSize.count(1), 100, 20, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rollout(1, WaveSize.count(1), 100, 20, 1025, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rollout(1, WaveSize.count(1), 100, 20, 8, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
