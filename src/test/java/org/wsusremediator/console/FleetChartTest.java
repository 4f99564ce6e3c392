package org.wsusremediator.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overview's bar chart: the geometry the SVG template draws, the order and the tones. */
class FleetChartTest {

    private static final int ROOM = FleetChart.WIDTH - FleetChart.LABEL_WIDTH - 50;

    @Test
    void theLongestBarFillsTheRoomAndOthersAreInProportion() {
        FleetChart chart = FleetChart.of("Hosts per action", Map.of("INSTALL_KB", 40, "NO_ACTION", 10, "FLAG_UPGRADE", 20));
        assertThat(chart.bars()).extracting(FleetChart.Bar::label).containsExactly("INSTALL_KB", "FLAG_UPGRADE", "NO_ACTION");
        assertThat(chart.bars().get(0).barWidth()).isEqualTo(ROOM);
        assertThat(chart.bars().get(1).barWidth()).isEqualTo(ROOM / 2);
        assertThat(chart.bars().get(2).barWidth()).isEqualTo(Math.round(ROOM / 4.0f));
        assertThat(chart.total()).isEqualTo(70);
        assertThat(chart.title()).isEqualTo("Hosts per action");
    }

    @Test
    void aCountOfOneAmongHundredsStillShows() {
        FleetChart chart = FleetChart.of("t", Map.of("NO_ACTION", 900, "UNKNOWN", 1));
        FleetChart.Bar one = chart.bars().get(1);
        assertThat(one.label()).isEqualTo("UNKNOWN");
        assertThat(one.barWidth()).isGreaterThanOrEqualTo(2);
        assertThat(chart.bars().get(0).barWidth()).isEqualTo(ROOM);
    }

    @Test
    void aZeroCountDrawsNoBar() {
        FleetChart chart = FleetChart.of("t", Map.of("NO_ACTION", 5, "FAILED", 0));
        assertThat(chart.bars().get(1).label()).isEqualTo("FAILED");
        assertThat(chart.bars().get(1).barWidth()).as("nothing to draw for none").isZero();
        assertThat(FleetChart.of("t", Map.of("FAILED", 0)).bars().get(0).barWidth()).isZero();
    }

    @Test
    void everythingFitsInsideTheChartAndRowsDoNotOverlap() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            counts.put("STATE_" + i, 10_000 - i * 700);
        }
        FleetChart chart = FleetChart.of("t", counts);
        int previousBottom = 0;
        for (FleetChart.Bar b : chart.bars()) {
            assertThat(b.y()).isGreaterThanOrEqualTo(previousBottom);
            previousBottom = b.y() + FleetChart.BAR_HEIGHT;
            assertThat(previousBottom).isLessThanOrEqualTo(chart.height());
            assertThat(b.textY()).isBetween(b.y(), b.y() + FleetChart.BAR_HEIGHT);
            assertThat(FleetChart.LABEL_WIDTH + b.barWidth()).isLessThanOrEqualTo(chart.width());
            assertThat(b.countX()).as("the count after its bar, with room for it").isGreaterThan(FleetChart.LABEL_WIDTH + b.barWidth())
                    .isLessThanOrEqualTo(chart.width() - 5 * 7);
        }
        assertThat(chart.labelWidth()).isEqualTo(FleetChart.LABEL_WIDTH);
    }

    @Test
    void equalCountsAreSortedByName() {
        FleetChart chart = FleetChart.of("t", Map.of("b", 3, "a", 3, "c", 3, "z", 4));
        assertThat(chart.bars()).extracting(FleetChart.Bar::label).containsExactly("z", "a", "b", "c");
    }

    @Test
    void tonesMarkIrreversibleBadWarnBusyGood() {
        assertThat(FleetChart.tone("INSTALL_KB")).isEqualTo("irreversible");
        assertThat(FleetChart.tone("REMEDIATED")).isEqualTo("good");
        assertThat(FleetChart.tone("NO_ACTION")).isEqualTo("good");
        assertThat(FleetChart.tone("FAILED")).isEqualTo("bad");
        assertThat(FleetChart.tone("UNREACHABLE")).isEqualTo("bad");
        assertThat(FleetChart.tone("FLAG_UPGRADE")).isEqualTo("warn");
        assertThat(FleetChart.tone("ABORTED")).isEqualTo("warn");
        assertThat(FleetChart.tone("IN_FLIGHT")).isEqualTo("busy");
        assertThat(FleetChart.tone("NOT RUN")).isEqualTo("neutral");
        assertThat(FleetChart.of("t", Map.of("INSTALL_KB", 2)).bars().get(0).tone()).isEqualTo("irreversible");
    }

    @Test
    void anEmptyChartHasNoBarsAndAHeightOfOneRow() {
        FleetChart chart = FleetChart.of("t", Map.of());
        assertThat(chart.bars()).isEmpty();
        assertThat(chart.total()).isZero();
        assertThat(chart.height()).isEqualTo(FleetChart.ROW);
        assertThat(chart.width()).isEqualTo(FleetChart.WIDTH);
    }
}
