package org.wsusremediator.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.YamlNode;

/** The host settings written at one level (defaults, a group, a host), each with the node it came from. */
final class SettingsLayer {

    enum Level { DEFAULTS, GROUP, HOST }

    /** A parsed value and where it was written, so rules about it can point at its line. */
    record Located<T>(T value, YamlNode node) {
    }

    static final SettingsLayer NONE = new SettingsLayer(Level.DEFAULTS);

    private final Level level;
    private final Map<Setting<?>, Located<?>> values = new HashMap<>();

    private SettingsLayer(Level level) {
        this.level = level;
    }

    Level level() {
        return level;
    }

    @SuppressWarnings("unchecked")
    <T> Located<T> get(Setting<T> setting) {
        return (Located<T>) values.get(setting);
    }

    /** Drops a value a rule refused, so it cannot quietly satisfy a later rule (e.g. basic over http). */
    void discard(Setting<?> setting) {
        values.remove(setting);
    }

    /**
     * Reads the settings among a mapping's members. Members that are not settings are the caller's
     * business (it knows which other keys its level allows and rejects the rest).
     */
    static SettingsLayer read(YamlNode.Mapping mapping, Level level, ProblemList problems) {
        SettingsLayer layer = new SettingsLayer(level);
        mapping.members().forEach((key, node) -> {
            List<Setting<?>> nested = HostSettings.nestedUnder(key);
            if (!nested.isEmpty()) {
                YamlNode.Mapping sub = Fields.mapping(node, problems);
                if (sub == null) {
                    return;
                }
                Fields.rejectUnknown(sub, nested.stream().map(Setting::subKey).toList(), problems);
                for (Setting<?> s : nested) {
                    YamlNode member = sub.get(s.subKey());
                    if (member != null) {
                        layer.parse(s, member, problems);
                    }
                }
            } else {
                HostSettings.plain(key).ifPresent(s -> layer.parse(s, node, problems));
            }
        });
        return layer;
    }

    private <T> void parse(Setting<T> setting, YamlNode node, ProblemList problems) {
        T value = Fields.value(node, setting.parser(), problems);
        if (value != null) {
            values.put(setting, new Located<>(value, node));
        }
    }
}
