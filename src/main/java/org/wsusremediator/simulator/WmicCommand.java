package org.wsusremediator.simulator;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * wmic.exe for {@code os get ...} and {@code datafile where name="..." get ...}, as list ({@code /value},
 * {@code /format:list}) or table. wmic ends its lines with CR CR LF and prints properties in alphabetical order.
 * WQL strings need doubled backslashes: a single one is an invalid query, as on Windows.
 */
final class WmicCommand implements CmdCommand {

    private static final String EOL = "\r\r\n";

    private static final class InvalidQuery extends Exception {
    }

    @Override
    public int run(CommandCall call) {
        List<String> tokens = new ArrayList<>(call.rawTokens());
        boolean list = tokens.removeIf(t -> t.equalsIgnoreCase("/value") || t.toLowerCase(Locale.ROOT).startsWith("/format:list"));
        tokens.removeIf(t -> t.startsWith("/"));
        if (tokens.isEmpty()) {
            call.errLine("ERROR:");
            call.errLine("Description = Invalid query");
            return 1;
        }
        String alias = tokens.get(0).toLowerCase(Locale.ROOT);
        try {
            List<Map<String, String>> instances = switch (alias) {
                case "os" -> List.of(osProperties(call.host()));
                case "datafile" -> datafile(call.host(), whereName(tokens));
                default -> null;
            };
            if (instances == null) {
                call.errLine(tokens.get(0) + " - Alias not found.");
                return 1;
            }
            List<String> wanted = requestedProperties(tokens);
            if (instances.isEmpty()) {
                call.errLine(call.host().text().wmicNoInstance());
                return 0;
            }
            print(call, instances, wanted, list);
            return 0;
        } catch (InvalidQuery e) {
            call.errLine("Node - " + call.host().netbiosName());
            call.errLine("ERROR:");
            call.errLine("Description = Invalid query");
            call.errLine("");
            return 1;
        }
    }

    private static List<String> requestedProperties(List<String> tokens) throws InvalidQuery {
        int get = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equalsIgnoreCase("get")) {
                get = i;
            }
        }
        if (get < 0 || get == tokens.size() - 1) {
            throw new InvalidQuery();
        }
        List<String> props = new ArrayList<>();
        for (String t : tokens.subList(get + 1, tokens.size())) {
            for (String p : t.split(",")) {
                if (!p.isBlank()) {
                    props.add(p.trim());
                }
            }
        }
        return props;
    }

    private static void print(CommandCall call, List<Map<String, String>> instances, List<String> wanted, boolean list)
            throws InvalidQuery {
        List<String> names = new ArrayList<>();
        for (String w : wanted) {
            String canonical = instances.get(0).keySet().stream().filter(k -> k.equalsIgnoreCase(w)).findFirst()
                    .orElseThrow(InvalidQuery::new);
            if (!names.contains(canonical)) {
                names.add(canonical);
            }
        }
        names.sort(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
        if (list) {
            for (Map<String, String> instance : instances) {
                call.out(EOL + EOL);
                for (String n : names) {
                    call.out(n + "=" + instance.get(n) + EOL);
                }
                call.out(EOL + EOL + EOL);
            }
            return;
        }
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String n : names) {
            int w = n.length();
            for (Map<String, String> instance : instances) {
                w = Math.max(w, instance.get(n).length());
            }
            widths.put(n, w + 2);
        }
        StringBuilder header = new StringBuilder();
        names.forEach(n -> header.append(pad(n, widths.get(n))));
        call.out(header + EOL);
        for (Map<String, String> instance : instances) {
            StringBuilder row = new StringBuilder();
            names.forEach(n -> row.append(pad(instance.get(n), widths.get(n))));
            call.out(row + EOL);
        }
        call.out(EOL);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    static Map<String, String> osProperties(SimulatedHost host) {
        OsSpec os = host.os();
        WindowsVersion v = os.version();
        int sp = ServicePacks.major(v);
        String windir = host.environment().get("windir");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("BuildNumber", Integer.toString(v.build()));
        p.put("Caption", os.caption());
        p.put("CSDVersion", sp == 0 ? "" : "Service Pack " + sp);
        p.put("CSName", host.netbiosName());
        p.put("LastBootUpTime", host.lastBootCim());
        p.put("Manufacturer", "Microsoft Corporation");
        p.put("Name", os.caption() + "|" + windir + "|\\Device\\Harddisk0\\Partition1");
        if (!os.isServer2003()) {
            // Win32_OperatingSystem.OSArchitecture appeared with Vista/2008
            p.put("OSArchitecture", host.architecture() == WindowsArchitecture.X86 ? "32-bit"
                    : host.architecture() == WindowsArchitecture.IA64 ? "Itanium-based" : "64-bit");
        }
        p.put("ServicePackMajorVersion", Integer.toString(sp));
        p.put("ServicePackMinorVersion", "0");
        p.put("SystemDirectory", windir + "\\system32");
        p.put("Version", v.toString());
        p.put("WindowsDirectory", windir);
        return p;
    }

    private static List<Map<String, String>> datafile(SimulatedHost host, String name) {
        Optional<SimulatedFile> file = host.files().get(name);
        if (file.isEmpty()) {
            return List.of();
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("FileSize", Integer.toString(file.get().content().length()));
        p.put("Name", name.toLowerCase(Locale.ROOT));
        p.put("Version", file.get().wmicVersion());
        return List.of(p);
    }

    /** {@code where name="C:\\x"}, {@code where "name='C:\\x'"} or {@code where (name="C:\\x")}: the unescaped path. */
    private static String whereName(List<String> tokens) throws InvalidQuery {
        int where = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equalsIgnoreCase("where")) {
                where = i;
                break;
            }
        }
        if (where < 0 || where + 1 >= tokens.size()) {
            throw new InvalidQuery();
        }
        String clause = tokens.get(where + 1).trim();
        if (clause.length() > 2 && clause.startsWith("\"") && clause.endsWith("\"") && Character.isLetter(clause.charAt(1))) {
            clause = clause.substring(1, clause.length() - 1);
        }
        if (clause.startsWith("(") && clause.endsWith(")")) {
            clause = clause.substring(1, clause.length() - 1);
        }
        int eq = clause.indexOf('=');
        if (eq < 0 || !clause.substring(0, eq).trim().equalsIgnoreCase("name")) {
            throw new InvalidQuery();
        }
        String literal = clause.substring(eq + 1).trim();
        if (literal.length() < 2 || (literal.charAt(0) != '"' && literal.charAt(0) != '\'')
                || literal.charAt(literal.length() - 1) != literal.charAt(0)) {
            throw new InvalidQuery();
        }
        return unescapeWql(literal.substring(1, literal.length() - 1));
    }

    private static String unescapeWql(String s) throws InvalidQuery {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length() || "\\\"'".indexOf(s.charAt(i + 1)) < 0) {
                    throw new InvalidQuery();
                }
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
