package org.wsusremediator.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/** A host's files by full Windows path, case-insensitive. Directories exist implicitly when a file lies under them. */
public final class SimulatedFileSystem {

    private final ConcurrentSkipListMap<String, Entry> files = new ConcurrentSkipListMap<>();

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
        String prefix = keyOf(path);
        prefix = prefix.endsWith("\\") ? prefix : prefix + "\\";
        String next = files.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
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
