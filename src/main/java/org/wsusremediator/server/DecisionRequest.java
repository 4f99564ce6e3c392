package org.wsusremediator.server;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wsusremediator.consent.AdminSignature;

/**
 * The body of {@code POST /plans/{id}/approve|reject} and {@code /plans/{id}/statement}: the hosts ([] or absent for
 * all), the reason, and for a signed decision the admin's {@code signature}: {@code {"at": "<the statement's at>",
 * "value": "<base64 Ed25519>"}}. Everything is bounded here, before any check: at most {@link #MAX_HOSTS} hosts of
 * {@link #MAX_TEXT} characters, a reason of at most {@link #MAX_REASON}.
 */
record DecisionRequest(List<String> hosts, String reason, AdminSignature signature) {

    static final int MAX_HOSTS = 10_000;
    static final int MAX_TEXT = 256;
    static final int MAX_REASON = 4_000;
    /** An Ed25519 signature is 88 base64 characters; a time about 30. */
    private static final int MAX_SIGNATURE_TEXT = 200;

    static DecisionRequest of(Map<String, Object> request) {
        Map<String, Object> body = request == null ? Map.of() : request;
        String reason = body.get("reason") instanceof String r ? r : null;
        if (reason == null || reason.isBlank()) {
            throw ApiError.badRequest("reason must say why (a change ticket, a sentence)");
        }
        if (reason.length() > MAX_REASON) {
            throw ApiError.badRequest("reason: at most " + MAX_REASON + " characters");
        }
        List<String> hosts = new ArrayList<>();
        Object given = body.get("hosts");
        if (given instanceof List<?> list) {
            if (list.size() > MAX_HOSTS) {
                throw ApiError.badRequest("hosts: at most " + MAX_HOSTS);
            }
            for (Object h : list) {
                if (!(h instanceof String s) || s.length() > MAX_TEXT) {
                    throw ApiError.badRequest("hosts must be a list of host names");
                }
                hosts.add(s);
            }
        } else if (given != null) {
            throw ApiError.badRequest("hosts must be a list of host names");
        }
        return new DecisionRequest(List.copyOf(hosts), reason, signature(body.get("signature")));
    }

    private static AdminSignature signature(Object given) {
        if (given == null) {
            return null;
        }
        if (!(given instanceof Map<?, ?> map) || !(map.get("at") instanceof String at)
                || !(map.get("value") instanceof String value)
                || at.length() > MAX_SIGNATURE_TEXT || value.isEmpty() || value.length() > MAX_SIGNATURE_TEXT) {
            throw ApiError.badRequest("signature must be {\"at\": the statement's time, \"value\": the base64 Ed25519"
                    + " signature of the statement (POST /plans/{id}/statement)}");
        }
        try {
            return new AdminSignature(Instant.parse(at), value);
        } catch (DateTimeParseException notATime) {
            throw ApiError.badRequest("signature.at: an ISO-8601 UTC time, as the statement gives it");
        }
    }
}
