package org.wsusremediator.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * reg.exe: {@code query KEY [/v NAME | /ve] [/s]}, {@code add KEY [/v NAME] [/t TYPE] [/d DATA] [/f]} and
 * {@code delete KEY [/v NAME | /va] [/f]}. Output follows the host's reg.exe: version 6.x on Server 2008
 * (four-space separated), version 3.0 on Server 2003 (a "! REG.EXE VERSION 3.0" banner and TAB separated values).
 * Its messages are in the host's display language ({@link ConsoleText}).
 */
final class RegCommand implements CmdCommand {

    /** The en-US not-found message (other display languages: {@link ConsoleText#regNotFound()}). */
    static final String NOT_FOUND = ConsoleText.ENGLISH.regNotFound();


    @Override
    public int run(CommandCall call) {
        List<String> args = call.argv();
        if (args.size() < 2) {
            return invalidSyntax(call, args.isEmpty() ? "" : args.get(0));
        }
        String op = args.get(0).toLowerCase(Locale.ROOT);
        String keyPath = args.get(1);
        if (SimulatedRegistry.canonical(keyPath) == null) {
            call.errLine("ERROR: Invalid key name.");
            call.errLine("Type \"REG " + op.toUpperCase(Locale.ROOT) + " /?\" for usage.");
            return 1;
        }
        Options o = Options.parse(args.subList(2, args.size()));
        return switch (op) {
            case "query" -> query(call, keyPath, o);
            case "add" -> add(call, keyPath, o);
            case "delete" -> delete(call, keyPath, o);
            default -> invalidSyntax(call, op);
        };
    }

    private record Options(String valueName, boolean defaultValue, boolean allValues, boolean recursive,
                           String type, String data) {
        static Options parse(List<String> args) {
            String v = null;
            String t = "REG_SZ";
            String d = "";
            boolean ve = false;
            boolean va = false;
            boolean s = false;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i).toLowerCase(Locale.ROOT);
                switch (a) {
                    case "/v" -> v = i + 1 < args.size() ? args.get(++i) : "";
                    case "/ve" -> ve = true;
                    case "/va" -> va = true;
                    case "/s" -> s = true;
                    case "/t" -> t = i + 1 < args.size() ? args.get(++i).toUpperCase(Locale.ROOT) : t;
                    case "/d" -> d = i + 1 < args.size() ? args.get(++i) : d;
                    default -> {
                        // /f (force) and anything we do not model are accepted silently
                    }
                }
            }
            return new Options(v, ve, va, s, t, d);
        }
    }

    private static int query(CommandCall call, String keyPath, Options o) {
        SimulatedRegistry registry = call.host().registry();
        Optional<RegistryKey> key = registry.key(keyPath);
        if (key.isEmpty()) {
            call.errLine(call.host().text().regNotFound());
            return 1;
        }
        boolean reg3 = call.host().os().isServer2003();
        if (o.valueName() != null) {
            Optional<RegistryValue> value = key.get().value(o.valueName());
            if (value.isEmpty()) {
                call.errLine(call.host().text().regNotFound());
                return 1;
            }
            banner(call, reg3);
            call.outLine(key.get().path());
            call.outLine(valueLine(value.get(), reg3));
            call.outLine("");
            return 0;
        }
        banner(call, reg3);
        printKey(call, registry, key.get(), reg3, o.recursive());
        return 0;
    }

    private static void printKey(CommandCall call, SimulatedRegistry registry, RegistryKey key, boolean reg3, boolean recursive) {
        List<RegistryValue> values = key.values();
        List<String> subkeys = registry.subkeys(key.path());
        if (!values.isEmpty() || subkeys.isEmpty() || recursive) {
            call.outLine(key.path());
            for (RegistryValue v : values) {
                call.outLine(valueLine(v, reg3));
            }
            call.outLine("");
        }
        for (String sub : subkeys) {
            if (recursive) {
                registry.key(sub).ifPresent(k -> printKey(call, registry, k, reg3, true));
            } else {
                call.outLine(sub);
            }
        }
    }

    private static void banner(CommandCall call, boolean reg3) {
        call.outLine("");
        if (reg3) {
            call.outLine("! REG.EXE VERSION 3.0");
            call.outLine("");
        }
    }

    private static String valueLine(RegistryValue v, boolean reg3) {
        String name = v.name().isEmpty() ? "(Default)" : v.name();
        return reg3
                ? "    " + name + "\t" + v.type() + "\t" + v.regExeData()
                : "    " + name + "    " + v.type() + "    " + v.regExeData();
    }

    private static int add(CommandCall call, String keyPath, Options o) {
        SimulatedRegistry registry = call.host().registry();
        if (o.valueName() == null && !o.defaultValue()) {
            registry.createKey(keyPath);
        } else {
            String name = o.defaultValue() ? "" : o.valueName();
            RegistryValue value;
            try {
                value = switch (o.type()) {
                    case "REG_DWORD" -> RegistryValue.dword(name, parseNumber(o.data()));
                    case "REG_QWORD" -> RegistryValue.qword(name, parseNumber(o.data()));
                    case "REG_EXPAND_SZ" -> RegistryValue.expandString(name, o.data());
                    case "REG_MULTI_SZ" -> RegistryValue.multiString(name, List.of(o.data().split("\\\\0", -1)));
                    case "REG_SZ" -> RegistryValue.string(name, o.data());
                    default -> throw new IllegalArgumentException();
                };
            } catch (IllegalArgumentException e) {
                call.errLine("ERROR: Invalid syntax.");
                call.errLine("Type \"REG ADD /?\" for usage.");
                return 1;
            }
            registry.setValue(keyPath, value);
        }
        call.outLine(call.host().text().regSuccess());
        return 0;
    }

    private static long parseNumber(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    }

    private static int delete(CommandCall call, String keyPath, Options o) {
        SimulatedRegistry registry = call.host().registry();
        Optional<RegistryKey> key = registry.key(keyPath);
        boolean done;
        if (key.isEmpty()) {
            done = false;
        } else if (o.valueName() != null) {
            done = key.get().remove(o.valueName());
        } else if (o.defaultValue()) {
            done = key.get().remove("");
        } else if (o.allValues()) {
            key.get().values().forEach(v -> key.get().remove(v.name()));
            done = true;
        } else {
            done = registry.deleteKey(keyPath);
        }
        if (!done) {
            call.errLine(call.host().text().regNotFound());
            return 1;
        }
        call.outLine(call.host().text().regSuccess());
        return 0;
    }

    private static int invalidSyntax(CommandCall call, String op) {
        call.errLine("ERROR: Invalid syntax.");
        call.errLine("Type \"REG " + (op.isEmpty() ? "" : op.toUpperCase(Locale.ROOT) + " ") + "/?\" for usage.");
        return 1;
    }
}
