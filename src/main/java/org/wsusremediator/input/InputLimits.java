package org.wsusremediator.input;

/**
 * How much the product reads from a file it is given. Every reader of a named file uses one of these, so that
 * a hostile or mistaken file (a 30 MB value, a 20 MB CSV line) ends in a clear refusal instead of minutes of
 * parsing or an OutOfMemoryError.
 */
public final class InputLimits {

    /**
     * YAML documents: inventory, change windows, recipe, admins, simulator fleet. SnakeYAML scans a long scalar
     * in time that grows with the square of its length, so the file itself is kept small; 2 MiB still holds an
     * inventory of some 20,000 hosts (bigger fleets belong in a CSV host list).
     */
    public static final long YAML_FILE_BYTES = 2L << 20;

    /** A CSV host list: about 100,000 rows of a typical width. */
    public static final long CSV_FILE_BYTES = 16L << 20;

    /** A password or credentials properties file: a few lines. */
    public static final long SECRET_FILE_BYTES = 64L << 10;

    /** A CA bundle (PEM): a public bundle of some 150 roots is about 220 KiB. */
    public static final long CA_FILE_BYTES = 1L << 20;

    /** One YAML value or CSV cell, in characters: the longest legitimate one is a URL or a recipe's command. */
    public static final int VALUE_CHARS = 4096;

    /** Problems listed for one file (and the files it references); the rest are counted ("and N more problems"). */
    public static final int PROBLEMS_LISTED = 1000;

    private InputLimits() {
    }

    /** {@code 2097152 bytes (2 MiB)}: the exact figure, and one a person reads at a glance. */
    public static String describeBytes(long bytes) {
        String unit = bytes >= (1L << 20) && bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : null;
        return bytes + " bytes" + (unit == null ? "" : " (" + unit + ")");
    }
}
