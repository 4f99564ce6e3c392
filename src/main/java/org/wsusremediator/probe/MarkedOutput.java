package org.wsusremediator.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** stdout cut at the {@code ##name} marker lines, which must all be there, in order. */
final class MarkedOutput {
    private final String step;
    private final Map<String, List<String>> raw = new LinkedHashMap<>();
    private final Map<String, String> markerLine = new LinkedHashMap<>();
    private final Map<String, Integer> markerNumber = new LinkedHashMap<>();

    private MarkedOutput(String step) {
        this.step = step;
    }

    static MarkedOutput of(String step, String stdout, String... markers) throws ProbeParseException {
        MarkedOutput s = new MarkedOutput(step);
        String[] lines = OutputLines.split(stdout == null ? "" : stdout.replace("\0", ""));
        int next = 0;
        List<String> current = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String word = line.strip().split("\\s+", 2)[0];
            if (next < markers.length && word.equals(markers[next])) {
                s.markerLine.put(word, line.strip());
                s.markerNumber.put(word, i + 1);
                current = new ArrayList<>();
                s.raw.put(word, current);
                next++;
            } else if (word.startsWith("##") && List.of(markers).contains(word)) {
                throw new ProbeParseException(step + " output line " + (i + 1) + ": marker " + word + " out of order");
            } else if (current != null) {
                current.add(line);
            } else if (!line.isBlank()) {
                throw new ProbeParseException(step + " output line " + (i + 1) + ": '" + Excerpt.of(line)
                        + "' before the first marker " + markers[0]);
            }
        }
        if (next < markers.length) {
            throw new ProbeParseException(step + " output ended without " + markers[next] + " after "
                    + OutputLines.count(lines) + " lines (truncated?)");
        }
        if (s.raw.get(markers[markers.length - 1]).stream().anyMatch(line -> !line.isBlank())) {
            throw new ProbeParseException(step + " output has text after " + markers[markers.length - 1]);
        }
        return s;
    }

    List<String> rawLines(String marker) {
        return raw.get(marker);
    }

    /** The section's non-blank lines, stripped. */
    List<String> lines(String marker) {
        return raw.get(marker).stream().filter(line -> !line.isBlank()).map(String::strip).toList();
    }

    String marker(String marker) {
        return markerLine.get(marker);
    }

    Version version(String section, String name, String text) throws ProbeParseException {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(section, name + " '" + Excerpt.of(text) + "' is not a version");
        }
    }

    ProbeParseException error(String section, String what) {
        return new ProbeParseException(step + " output, section " + section + " (line " + markerNumber.get(section) + "): " + what);
    }
}
