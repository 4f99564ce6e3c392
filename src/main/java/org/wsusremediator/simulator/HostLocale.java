package org.wsusremediator.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The display language of a simulated host: which words its console tools print ({@link ConsoleText}) and the
 * OEM code page its console writes when the client does not ask for another (docs/simulator-localized-hosts.md,
 * where every string's public source is named and the guesses are marked).
 */
public enum HostLocale {
    EN_US("en-US", 437, ConsoleText.ENGLISH),
    DE_DE("de-DE", 850, ConsoleText.GERMAN),
    ES_ES("es-ES", 850, ConsoleText.SPANISH),
    JA_JP("ja-JP", 932, ConsoleText.JAPANESE);

    private final String tag;
    private final int oemCodePage;
    private final ConsoleText text;

    HostLocale(String tag, int oemCodePage, ConsoleText text) {
        this.tag = tag;
        this.oemCodePage = oemCodePage;
        this.text = text;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    /** The console code page of a shell created without WINRS_CODEPAGE (Windows' OEM code page for the locale). */
    public int oemCodePage() {
        return oemCodePage;
    }

    public ConsoleText text() {
        return text;
    }

    @JsonCreator
    public static HostLocale parse(String text) {
        for (HostLocale l : values()) {
            if (l.tag.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown locale '" + text + "' (expected one of "
                + Arrays.stream(values()).map(HostLocale::tag).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * The charset of a console code page the simulator knows (437, 850, 932, 65001); null for any other. Characters a
     * code page cannot carry become '?', as the real console does (WinRb/WinRM#125).
     */
    static Charset charsetOf(int codePage) {
        return switch (codePage) {
            case 437 -> Charset.forName("IBM437");
            case 850 -> Charset.forName("IBM850");
            case 932 -> Charset.forName("windows-31j");
            case 65001 -> StandardCharsets.UTF_8;
            default -> null;
        };
    }
}
