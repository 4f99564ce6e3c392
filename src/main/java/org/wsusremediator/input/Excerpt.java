package org.wsusremediator.input;

/**
 * A value as a message may quote it: at most {@link #MAX_CHARS} characters followed by "…", with control and
 * format characters (NUL, ESC, bidirectional overrides) shown as '?'. A message that echoed a 2 MB value, or a
 * value that rewrites the terminal, is worse than one that shows its start.
 */
public final class Excerpt {

    public static final int MAX_CHARS = 60;

    private Excerpt() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 1);
        int i = 0;
        while (i < text.length() && b.length() < MAX_CHARS) {
            int cp = text.codePointAt(i);
            boolean hidden = Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE;
            if (hidden) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return i < text.length() ? b.append('…').toString() : b.toString();
    }
}
