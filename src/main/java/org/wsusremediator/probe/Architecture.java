package org.wsusremediator.probe;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Processor architecture of the host's OS: picks the KB954960 package (x86 or x64). */
public enum Architecture {
    X86, X64, IA64;

    /** Accepts the probe's words (x86, x64, ia64) and Windows' PROCESSOR_ARCHITECTURE values (AMD64, IA64). */
    public static Architecture parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "X86" -> X86;
            case "X64", "AMD64" -> X64;
            case "IA64" -> IA64;
            default -> throw new IllegalArgumentException("unknown architecture '" + text + "' (expected x86, x64 or ia64)");
        };
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
