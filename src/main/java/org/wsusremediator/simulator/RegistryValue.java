package org.wsusremediator.simulator;

import java.util.List;
import java.util.Locale;

/**
 * One registry value. Strings are kept as text, DWORDs as numbers; {@link #regExeData()} renders the data the way
 * reg.exe prints it (DWORDs as {@code 0x1}).
 */
public record RegistryValue(String name, Type type, String text, long number, List<String> lines) {

    public enum Type { REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD }

    public RegistryValue {
        Checks.required("name", name);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static RegistryValue string(String name, String text) {
        return new RegistryValue(name, Type.REG_SZ, text, 0, null);
    }

    public static RegistryValue expandString(String name, String text) {
        return new RegistryValue(name, Type.REG_EXPAND_SZ, text, 0, null);
    }

    public static RegistryValue multiString(String name, List<String> lines) {
        return new RegistryValue(name, Type.REG_MULTI_SZ, String.join("\\0", lines), 0, lines);
    }

    public static RegistryValue dword(String name, long number) {
        return new RegistryValue(name, Type.REG_DWORD, null, number & 0xffffffffL, null);
    }

    public static RegistryValue qword(String name, long number) {
        return new RegistryValue(name, Type.REG_QWORD, null, number, null);
    }

    public boolean isNumber() {
        return type == Type.REG_DWORD || type == Type.REG_QWORD;
    }

    /** The data as reg.exe prints it. */
    public String regExeData() {
        return isNumber() ? "0x" + Long.toHexString(number).toLowerCase(Locale.ROOT) : text;
    }

    /** The data as PowerShell's Get-ItemProperty would show it: numbers in decimal. */
    public String displayData() {
        return isNumber() ? Long.toString(number) : text;
    }
}
