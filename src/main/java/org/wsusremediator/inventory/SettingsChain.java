package org.wsusremediator.inventory;

import java.util.List;

/** A host's layers, most specific first (host, group, defaults): the first that sets a value wins. */
final class SettingsChain {

    private final List<SettingsLayer> layers;

    SettingsChain(SettingsLayer... mostSpecificFirst) {
        this.layers = List.of(mostSpecificFirst);
    }

    /** The value and where it was written, or null when only the built-in default applies. */
    <T> SettingsLayer.Located<T> find(Setting<T> setting) {
        for (SettingsLayer layer : layers) {
            SettingsLayer.Located<T> v = layer.get(setting);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    <T> T get(Setting<T> setting) {
        SettingsLayer.Located<T> v = find(setting);
        return v != null ? v.value() : setting.builtIn();
    }
}
