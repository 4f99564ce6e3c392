package org.wsusremediator.simulator;

import java.util.Locale;

/**
 * The processor architecture a simulated host's Windows runs on. The simulator's own (not the product's
 * {@code probe.Architecture}): it decides what the host shows, PROCESSOR_ARCHITECTURE and Win32_OperatingSystem's
 * OSArchitecture, which the product must read back on its own.
 */
public enum WindowsArchitecture {
    X86, X64, IA64;

    /** Accepts a fleet file's words (x86, x64, ia64) and Windows' PROCESSOR_ARCHITECTURE values (AMD64, IA64). */
    public static WindowsArchitecture parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "X86" -> X86;
            case "X64", "AMD64" -> X64;
            case "IA64" -> IA64;
            default -> throw new IllegalArgumentException("unknown architecture '" + text + "' (expected x86, x64 or ia64)");
        };
    }

    /** The word the probe script prints for it (os.arch=x86, x64 or ia64, docs/probe-protocol.md). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
