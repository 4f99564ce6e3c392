package org.wsusremediator.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submitted form ({@code application/x-www-form-urlencoded}), parsed from the request body only: a value in the
 * URL's query is not a form field, so a link cannot stand in for a form. Bounded: the server already refuses a body
 * over {@code maxBodyBytes}; past {@link #MAX_FIELDS} fields the rest is ignored.
 */
record Forms(Map<String, List<String>> fields) {

    static final int MAX_FIELDS = 2000;

    static Forms parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            int count = 0;
            for (String pair : body.split("&")) {
                if (pair.isEmpty() || ++count > MAX_FIELDS) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException malformed) {
                    // a malformed escape: that field is not there
                }
            }
        }
        return new Forms(fields);
    }

    /** The field's first value, or null. */
    String value(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> values(String name) {
        return fields.getOrDefault(name, List.of());
    }
}
