package org.wsusremediator.probe;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Windows file or product version (Major.Minor.Build.Revision), compared numerically part by part:
 * 3.1.6001.100 is newer than 3.1.6001.66, which a string comparison would get wrong.
 */
public final class Version implements Comparable<Version> {

    private static final Pattern SHAPE = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}");

    private final int[] parts;

    private Version(int[] parts) {
        this.parts = parts;
    }

    /** Parses {@code 1} to {@code 1.2.3.4}; anything else is rejected with the offending text in the message. */
    public static Version parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!SHAPE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a version (expected digits like 3.1.6001.66): '" + text + "'");
        }
        return new Version(Arrays.stream(trimmed.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    public static Version of(int... parts) {
        return new Version(parts.clone());
    }

    /** How many parts the text had: 4 for Major.Minor.Build.Revision, 1 for a bare number such as 30106001. */
    public int length() {
        return parts.length;
    }

    /** The part at {@code index}; missing parts count as 0, so 3.1 equals 3.1.0.0. */
    public int part(int index) {
        return index < parts.length ? parts[index] : 0;
    }

    public int major() {
        return part(0);
    }

    public int minor() {
        return part(1);
    }

    public int build() {
        return part(2);
    }

    public boolean isAtLeast(Version other) {
        return compareTo(other) >= 0;
    }

    /** Same Major.Minor.Build: the way WSUS version lines (RTM, SP1, SP2) are told apart. */
    public boolean sameLine(Version other) {
        return major() == other.major() && minor() == other.minor() && build() == other.build();
    }

    @Override
    public int compareTo(Version other) {
        int length = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < length; i++) {
            int c = Integer.compare(part(i), other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int h = 0;
        int last = parts.length;
        while (last > 0 && parts[last - 1] == 0) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            h = 31 * h + parts[i];
        }
        return h;
    }

    @JsonValue
    @Override
    public String toString() {
        return Arrays.stream(parts).mapToObj(Integer::toString).collect(Collectors.joining("."));
    }
}
