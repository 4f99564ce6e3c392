package org.wsusremediator.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON: keys sorted at every level, no whitespace, times as ISO-8601 UTC to the microsecond (the
 * store's precision), so that the same statement always has the same bytes and thus the same seal.
 */
final class Canonical {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Canonical() {
    }

    static String json(Map<String, ?> statement) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(statement));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write a statement", impossible);
        }
    }

    /** A JSON object (such as ApprovedSettings' canonical JSON) as a sorted map, to nest in a statement. */
    static Map<String, Object> object(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }

    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
