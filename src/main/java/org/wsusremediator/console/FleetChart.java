package org.wsusremediator.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A horizontal bar chart of counts (hosts per action, hosts per outcome), laid out here and drawn by the overview's
 * template as plain SVG on the server: no script, no chart library, nothing for the browser to compute. Each bar has a
 * tone the style sheet colours: irreversible (KB954960 cannot be uninstalled), bad, warn, busy, good or neutral.
 */
record FleetChart(String title, int width, int height, int labelWidth, List<Bar> bars) {

    static final int WIDTH = 560;
    static final int LABEL_WIDTH = 180;
    static final int ROW = 28;
    static final int BAR_HEIGHT = 18;
    /** Room after the longest bar for its count. */
    private static final int COUNT_ROOM = 50;

    private static final Set<String> GOOD = Set.of("VERIFIED", "REMEDIATED", "NO_CHANGE", "NO_ACTION", "COMPLIANT",
            "NOT_AFFECTED", "NOT_APPLICABLE");
    private static final Set<String> BAD = Set.of("FAILED", "FAILED_VERIFICATION", "UNKNOWN", "NEEDS_REVIEW", "UNREACHABLE",
            "DRIFTED");
    private static final Set<String> WARN = Set.of("RTM_WORKAROUND", "FLAG_UPGRADE", "FLAGGED", "REBOOT_REQUIRED",
            "NOT_APPROVED", "ABORTED");
    private static final Set<String> BUSY = Set.of("IN_FLIGHT", "ACTING", "ACTED", "DEFERRED", "REBOOT_STARTED");

    /** One bar: its label, count and geometry in the SVG's own units. */
    record Bar(String label, int count, int y, int barWidth, int textY, int countX, String tone) {
    }

    static FleetChart of(String title, Map<String, Integer> counts) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int room = WIDTH - LABEL_WIDTH - COUNT_ROOM;
        List<Bar> bars = new ArrayList<>();
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .toList();
        int y = 4;
        for (Map.Entry<String, Integer> e : sorted) {
            // At least 2 units, so a count of 1 among hundreds still shows a bar; none draws none.
            int width = e.getValue() <= 0 ? 0 : Math.max(2, (int) Math.round((double) e.getValue() * room / max));
            bars.add(new Bar(e.getKey(), e.getValue(), y, width, y + BAR_HEIGHT - 4, LABEL_WIDTH + width + 6, tone(e.getKey())));
            y += ROW;
        }
        return new FleetChart(title, WIDTH, Math.max(ROW, y + 4), LABEL_WIDTH, bars);
    }

    static String tone(String category) {
        if (category.equals("INSTALL_KB")) {
            return "irreversible";
        }
        if (GOOD.contains(category)) {
            return "good";
        }
        if (BAD.contains(category)) {
            return "bad";
        }
        if (WARN.contains(category)) {
            return "warn";
        }
        return BUSY.contains(category) ? "busy" : "neutral";
    }

    /** The sum of the bars: the chart's caption says how many hosts it counts. */
    int total() {
        return bars.stream().mapToInt(Bar::count).sum();
    }
}
