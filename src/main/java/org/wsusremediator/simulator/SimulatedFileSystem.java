package org.wsusremediator.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * A host's files by full Windows path, case-insensitive. Directories exist implicitly when a file lies under them,
 * or explicitly once made with {@link #makeDirectories} (mkdir, the stage script).
 */
public final class SimulatedFileSystem {

    private final ConcurrentSkipListMap<String, Entry> files = new ConcurrentSkipListMap<>();
    private final java.util.Set<String> directories = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private record Entry(String path, SimulatedFile file) {
    }

    static String normalize(String path) {
        String p = path.trim().replace('/', '\\');
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            p = p.substring(1, p.length() - 1);
        }
        while (p.contains("\\\\")) {
            p = p.replace("\\\\", "\\");
        }
        return p;
    }

    private static String keyOf(String path) {
        return normalize(path).toLowerCase(Locale.ROOT);
    }

    public Optional<SimulatedFile> get(String path) {
        Entry e = files.get(keyOf(path));
        return e == null ? Optional.empty() : Optional.of(e.file());
    }

    public boolean exists(String path) {
        return files.containsKey(keyOf(path));
    }

    public boolean directoryExists(String path) {
        String key = keyOf(path);
        if (directories.contains(key.endsWith("\\") ? key.substring(0, key.length() - 1) : key)
                || key.matches("[a-z]:\\\\?")) {
            return true;
        }
        String prefix = key;
        prefix = prefix.endsWith("\\") ? prefix : prefix + "\\";
        String next = files.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    /** Makes the directory and its parents (like cmd's mkdir with extensions). */
    public void makeDirectories(String path) {
        String key = keyOf(path);
        while (key.endsWith("\\")) {
            key = key.substring(0, key.length() - 1);
        }
        for (int slash = key.indexOf('\\', 3); slash > 0; slash = key.indexOf('\\', slash + 1)) {
            directories.add(key.substring(0, slash));
        }
        directories.add(key);
    }

    /** The folder part of a file path ({@code C:\\a\\b.txt} gives {@code C:\\a}). */
    static String parentOf(String path) {
        String p = normalize(path);
        int slash = p.lastIndexOf('\\');
        return slash < 0 ? "" : p.substring(0, slash);
    }

    public void put(String path, SimulatedFile file) {
        String normalized = normalize(path);
        files.put(normalized.toLowerCase(Locale.ROOT), new Entry(normalized, file));
    }

    public boolean remove(String path) {
        return files.remove(keyOf(path)) != null;
    }

    /** Full paths of all files, sorted case-insensitively. */
    public List<String> paths() {
        return files.values().stream().map(Entry::path).collect(Collectors.toList());
    }
}
