package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A registry key: its full path (HKEY_LOCAL_MACHINE\...) and its values in creation order, names case-insensitive. */
public final class RegistryKey {

    private final String path;
    private final Map<String, RegistryValue> values = new LinkedHashMap<>();

    RegistryKey(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public synchronized List<RegistryValue> values() {
        return new ArrayList<>(values.values());
    }

    public synchronized Optional<RegistryValue> value(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    public synchronized void put(RegistryValue value) {
        values.put(value.name().toLowerCase(Locale.ROOT), value);
    }

    public synchronized boolean remove(String name) {
        return values.remove(name.toLowerCase(Locale.ROOT)) != null;
    }
}
