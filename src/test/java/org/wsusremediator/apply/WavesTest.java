package org.wsusremediator.apply;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Canary first, then waves of the configured size, each ordered round-robin by group. */
class WavesTest {

    private static final Function<String, String> GROUP = host -> host.substring(0, host.indexOf('-'));

    /** {@code n} hosts in one group, so the order inside each wave is the input order. */
    private static List<String> hosts(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "g-" + i).toList();
    }

    private static Rollout rollout(int canary, WaveSize waveSize) {
        return new Rollout(canary, waveSize, 100, 20, 8, 0);
    }

    private static List<Integer> sizes(List<List<String>> waves) {
        return waves.stream().map(List::size).toList();
    }

    @Test
    void noHostsGiveNoWaves() {
        assertThat(Waves.plan(List.of(), rollout(1, WaveSize.percent(25)), GROUP)).isEmpty();
        assertThat(Waves.plan(List.of(), rollout(0, WaveSize.count(5)), GROUP)).isEmpty();
    }

    @Test
    void oneHostIsOneWaveWhateverTheCanary() {
        for (int canary : new int[] {0, 1, 3}) {
            assertThat(Waves.plan(hosts(1), rollout(canary, WaveSize.percent(25)), GROUP))
                    .containsExactly(List.of("g-1"));
        }
    }

    @Test
    void sevenHosts() {
        // 25% of 7 is 1.75, rounded up to 2 per wave.
        assertThat(sizes(Waves.plan(hosts(7), rollout(1, WaveSize.percent(25)), GROUP))).containsExactly(1, 2, 2, 2);
        assertThat(sizes(Waves.plan(hosts(7), rollout(0, WaveSize.percent(25)), GROUP))).containsExactly(2, 2, 2, 1);
        assertThat(sizes(Waves.plan(hosts(7), rollout(3, WaveSize.count(5)), GROUP))).containsExactly(3, 4);
        assertThat(sizes(Waves.plan(hosts(7), rollout(0, WaveSize.count(5)), GROUP))).containsExactly(5, 2);
        assertThat(Waves.plan(hosts(7), rollout(3, WaveSize.count(5)), GROUP))
                .containsExactly(List.of("g-1", "g-2", "g-3"), List.of("g-4", "g-5", "g-6", "g-7"));
    }

    @Test
    void twentySixHosts() {
        // 25% of 26 is 6.5 -> 7; the percentage is of all 26 hosts, canary included.
        assertThat(sizes(Waves.plan(hosts(26), rollout(1, WaveSize.percent(25)), GROUP))).containsExactly(1, 7, 7, 7, 4);
        assertThat(sizes(Waves.plan(hosts(26), rollout(3, WaveSize.count(5)), GROUP))).containsExactly(3, 5, 5, 5, 5, 3);
        assertThat(sizes(Waves.plan(hosts(26), rollout(0, WaveSize.percent(50)), GROUP))).containsExactly(13, 13);
        assertThat(sizes(Waves.plan(hosts(26), rollout(1, WaveSize.percent(100)), GROUP))).containsExactly(1, 25);
    }

    @Test
    void aCanaryAsLargeAsTheRunIsTheOnlyWave() {
        assertThat(sizes(Waves.plan(hosts(3), rollout(3, WaveSize.count(5)), GROUP))).containsExactly(3);
        assertThat(sizes(Waves.plan(hosts(2), rollout(3, WaveSize.count(5)), GROUP))).containsExactly(2);
    }

    @Test
    void everyHostIsInExactlyOneWaveAndWavesFollowTheInputOrder() {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= 26; i++) {
            hosts.add((i % 3 == 0 ? "a-" : i % 3 == 1 ? "b-" : "c-") + i);
        }
        List<List<String>> waves = Waves.plan(hosts, rollout(3, WaveSize.percent(25)), GROUP);

        assertThat(waves.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(hosts);
        // A wave holds the next hosts of the input (only their order inside the wave changes).
        int next = 0;
        for (List<String> wave : waves) {
            assertThat(wave).containsExactlyInAnyOrderElementsOf(hosts.subList(next, next + wave.size()));
            next += wave.size();
        }
    }

    @Test
    void insideAWaveHostsAlternateBetweenGroupsKeepingTheirOrderInAGroup() {
        List<String> hosts = List.of("a-1", "a-2", "a-3", "b-1", "c-1", "c-2", "a-4", "b-2");

        assertThat(Waves.plan(hosts, rollout(0, WaveSize.count(8)), GROUP))
                .containsExactly(List.of("a-1", "b-1", "c-1", "a-2", "b-2", "c-2", "a-3", "a-4"));
    }

    @Test
    void roundRobinIsPerWave() {
        List<String> hosts = List.of("a-1", "a-2", "b-1", "a-3", "b-2", "b-3", "a-4");

        // Canary a-1; then waves of 3: [a-2, b-1, a-3] and [b-2, b-3, a-4].
        assertThat(Waves.plan(hosts, rollout(1, WaveSize.count(3)), GROUP)).containsExactly(
                List.of("a-1"),
                List.of("a-2", "b-1", "a-3"),
                List.of("b-2", "a-4", "b-3"));
    }

    @Test
    void hostsInNoGroupAreAGroupOfTheirOwn() {
        List<String> hosts = List.of("x1", "x2", "a-1", "a-2");
        Function<String, String> groupOrNull = h -> h.startsWith("a-") ? "a" : null;

        assertThat(Waves.plan(hosts, rollout(0, WaveSize.count(4)), groupOrNull))
                .containsExactly(List.of("x1", "a-1", "x2", "a-2"));
    }
}
