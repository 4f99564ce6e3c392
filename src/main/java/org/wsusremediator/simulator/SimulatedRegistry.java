package org.wsusremediator.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * A host's registry: keys by full path, case-insensitive like Windows. Paths may use the short roots reg.exe
 * accepts (HKLM, HKCU, ...); they are stored with the long names reg.exe prints. Creating a key creates its parents.
 */
public final class SimulatedRegistry {

    private static final Map<String, String> ROOTS = Map.of(
            "HKLM", "HKEY_LOCAL_MACHINE",
            "HKCU", "HKEY_CURRENT_USER",
            "HKCR", "HKEY_CLASSES_ROOT",
            "HKU", "HKEY_USERS",
            "HKCC", "HKEY_CURRENT_CONFIG");

    private final ConcurrentSkipListMap<String, RegistryKey> keys = new ConcurrentSkipListMap<>();

    /** Expands the root (HKLM → HKEY_LOCAL_MACHINE, also PowerShell's HKLM:) and drops trailing backslashes; null if the root is unknown. */
    public static String canonical(String path) {
        String p = path.trim().replace('/', '\\');
        while (p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.indexOf('\\');
        String root = slash < 0 ? p : p.substring(0, slash);
        String rest = slash < 0 ? "" : p.substring(slash);
        if (root.endsWith(":")) {
            root = root.substring(0, root.length() - 1);
        }
        String upper = root.toUpperCase(Locale.ROOT);
        String longRoot = ROOTS.containsKey(upper) ? ROOTS.get(upper) : ROOTS.containsValue(upper) ? upper : null;
        return longRoot == null ? null : longRoot + rest;
    }

    public Optional<RegistryKey> key(String path) {
        String c = canonical(path);
        return c == null ? Optional.empty() : Optional.ofNullable(keys.get(c.toLowerCase(Locale.ROOT)));
    }

    public boolean exists(String path) {
        return key(path).isPresent();
    }

    /** The key, created with its parents when missing. */
    public RegistryKey createKey(String path) {
        String c = canonical(path);
        if (c == null) {
            throw new IllegalArgumentException("unknown registry root in '" + path + "'");
        }
        RegistryKey key = null;
        int from = 0;
        while (true) {
            int slash = c.indexOf('\\', from);
            String prefix = slash < 0 ? c : c.substring(0, slash);
            key = keys.computeIfAbsent(prefix.toLowerCase(Locale.ROOT), k -> new RegistryKey(prefix));
            if (slash < 0) {
                return key;
            }
            from = slash + 1;
        }
    }

    public void setValue(String keyPath, RegistryValue value) {
        createKey(keyPath).put(value);
    }

    /** Deletes the key and everything under it. */
    public boolean deleteKey(String path) {
        String c = canonical(path);
        if (c == null) {
            return false;
        }
        String lower = c.toLowerCase(Locale.ROOT);
        boolean existed = keys.remove(lower) != null;
        keys.subMap(lower + "\\", lower + "\\\uffff").clear();
        return existed;
    }

    /** Full paths of the direct subkeys, sorted. */
    public List<String> subkeys(String path) {
        String c = canonical(path);
        if (c == null) {
            return List.of();
        }
        String prefix = c.toLowerCase(Locale.ROOT) + "\\";
        return keys.subMap(prefix, prefix + "\uffff").entrySet().stream()
                .filter(e -> e.getKey().indexOf('\\', prefix.length()) < 0)
                .map(e -> e.getValue().path())
                .collect(Collectors.toList());
    }
}
