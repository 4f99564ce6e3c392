package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments the way the Microsoft C runtime does for a program's argv: blanks outside
 * double quotes separate; {@code \"} is a literal quote; 2n backslashes before a quote become n and the quote
 * toggles quoting; backslashes elsewhere are literal. This is how schtasks reads {@code /tr "\"C:\x.exe\" /q"}.
 */
final class WindowsArgs {

    private WindowsArgs() {
    }

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean inArg = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                int n = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    n++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    current.append("\\".repeat(n / 2));
                    if (n % 2 == 1) {
                        current.append('"');
                        i++;
                    }
                } else {
                    current.append("\\".repeat(n));
                }
                inArg = true;
                continue;
            }
            if (c == '"') {
                inQuotes = !inQuotes;
                inArg = true;
            } else if (!inQuotes && (c == ' ' || c == '\t')) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
            i++;
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }
}
