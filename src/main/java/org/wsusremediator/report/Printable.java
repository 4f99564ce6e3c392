package org.wsusremediator.report;

/**
 * Text from hosts and from people made safe to show: on a terminal, in {@code status}, in the HTML report.
 * A host's registry value, a SOAP fault or an approval's reason may hold terminal escapes (ESC [ ... clears a
 * screen, recolours or hides lines, sets a window title) or Unicode direction overrides (U+202E turns
 * "exe.txt" into "txt.exe" on screen). Every such character is shown as a visible {@code <U+XXXX>} instead,
 * so the reader sees that something was there and what, and nothing is acted on.
 * <p>
 * Replaced: C0 and C1 controls and DEL (but line breaks and tabs in {@link #block}), the bidi embedding,
 * override and isolate controls, the implicit marks (LRM, RLM, ALM), and the line and paragraph separators.
 */
public final class Printable {

    private Printable() {
    }

    /** One line of text: every control character is replaced, line breaks and tabs too. Null is "". */
    public static String line(String text) {
        return clean(text, false);
    }

    /** Text that may span lines (a message listing problems): line breaks and tabs stay, the rest as {@link #line}. */
    public static String block(String text) {
        return clean(text, true);
    }

    /** Any value, as {@link #line} of its string form. */
    public static String line(Object value) {
        return value == null ? "" : line(value.toString());
    }

    private static String clean(String text, boolean keepLineBreaks) {
        if (text == null) {
            return "";
        }
        if (text.codePoints().noneMatch(c -> unsafe(c, keepLineBreaks))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (unsafe(c, keepLineBreaks)) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static boolean unsafe(int c, boolean keepLineBreaks) {
        if (keepLineBreaks && (c == '\n' || c == '\t')) {
            return false;
        }
        return Character.isISOControl(c) || bidiControl(c) || c == 0x2028 || c == 0x2029;
    }

    private static boolean bidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
