package org.wsusremediator.simulator;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A version as Windows shows it (a file's, WSUS's, the OS's): one to four numbers, Major.Minor.Build.Revision.
 * The simulator's own, written apart from the product's {@code probe.Version} on purpose: the simulator stands in
 * for Windows, and sharing the parser it is meant to check would let a parser bug agree with itself. It only
 * holds and shows versions; comparing them is the product's business.
 */
public final class WindowsVersion {

    private static final Pattern SHAPE = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}");

    private final int[] parts;

    private WindowsVersion(int[] parts) {
        this.parts = parts;
    }

    /** Parses {@code 1} to {@code 1.2.3.4}; anything else is rejected with the offending text in the message. */
    public static WindowsVersion parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!SHAPE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a version (expected digits like 3.1.6001.66): '" + text + "'");
        }
        return new WindowsVersion(Arrays.stream(trimmed.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    /** The part at {@code index}; a part Windows did not show counts as 0. */
    private int part(int index) {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowsVersion v && Arrays.equals(parts, v.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    /** As Windows prints it: the numbers joined by dots, as many as were given. */
    @Override
    public String toString() {
        return Arrays.stream(parts).mapToObj(Integer::toString).collect(Collectors.joining("."));
    }
}
