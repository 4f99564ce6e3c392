package org.wsusremediator.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ParserLimits;

/**
 * Where plan events go: the {@code notify:} list of the admin file's {@code approvals:} section (the file that
 * {@code serve} and the CLI both read for the approval rules, so one list serves both):
 *
 * <pre>
 * approvals:
 *   notify:
 *     - file:notifications
 *     - https://hooks.example/services/T000/B000/XXXX
 * </pre>
 *
 * Only {@code file:}, {@code http:}, {@code https:}, {@code smtp:} and {@code smtps:} endpoints are accepted: the
 * list is configuration, but a Camel URI can name components that run commands or reach into the process, and a
 * notification needs none of them.
 */
public record NotifySettings(List<NotifyEndpoint> endpoints) {

    public static final NotifySettings NONE = new NotifySettings(List.of());

    static final Set<String> SCHEMES = Set.of("file", "http", "https", "smtp", "smtps");
    static final int MAX_ENDPOINTS = 20;
    private static final int MAX_URI_CHARS = 2000;

    private static final ObjectMapper YAML = new ObjectMapper(ParserLimits.yaml(InputLimits.YAML_FILE_BYTES).build());

    public NotifySettings {
        endpoints = List.copyOf(endpoints);
    }

    public boolean any() {
        return !endpoints.isEmpty();
    }

    /** The endpoints of URIs as configured, checked; a problem is an {@link IllegalArgumentException} naming it. */
    public static NotifySettings of(List<String> uris) {
        List<String> problems = new ArrayList<>();
        List<NotifyEndpoint> endpoints = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (uris.size() > MAX_ENDPOINTS) {
            problems.add("approvals.notify: at most " + MAX_ENDPOINTS + " endpoints (" + uris.size() + " given)");
        }
        for (int i = 0; i < uris.size() && i < MAX_ENDPOINTS; i++) {
            String uri = uris.get(i) == null ? "" : uris.get(i).strip();
            String at = "approvals.notify[" + i + "]";
            if (uri.isEmpty()) {
                problems.add(at + ": an endpoint URI is required (file:DIR, https://…, smtp://…)");
            } else if (uri.length() > MAX_URI_CHARS || uri.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                problems.add(at + ": not a URI (longer than " + MAX_URI_CHARS + " characters, or control characters)");
            } else {
                NotifyEndpoint endpoint = new NotifyEndpoint(i, uri);
                // The scheme alone, never the URI: it may hold the webhook's secret.
                if (!SCHEMES.contains(endpoint.scheme())) {
                    problems.add(at + ": scheme '" + endpoint.scheme().replaceAll("[^a-z0-9+.-]", "?")
                            + "' is not one of file, http, https, smtp, smtps");
                } else if (!seen.add(uri)) {
                    problems.add(at + ": the same endpoint is listed twice");
                } else {
                    endpoints.add(endpoint);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new NotifySettings(endpoints);
    }

    /**
     * The {@code approvals.notify} list of an admin file ({@code AdminDirectory} reads the rest of it): none when the
     * file has no such list.
     */
    public static NotifySettings fromAdminFile(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(InputFiles.readUtf8(file, InputLimits.YAML_FILE_BYTES));
        } catch (InputFileException e) {
            throw new IllegalArgumentException(file + " " + e.reason(), e);
        } catch (IOException e) {
            String limit = ParserLimits.limitHit(e);
            throw new IllegalArgumentException(file + ": " + (limit != null ? limit : "cannot be read as YAML"), e);
        }
        JsonNode notify = root == null ? null : root.path("approvals").get("notify");
        if (notify == null || notify.isNull()) {
            return NONE;
        }
        if (!notify.isArray()) {
            throw new IllegalArgumentException(file + ": approvals.notify: a list of endpoint URIs");
        }
        List<String> uris = new ArrayList<>();
        for (JsonNode n : notify) {
            uris.add(n.isTextual() ? n.asText() : "");
        }
        try {
            return of(uris);
        } catch (IllegalArgumentException problems) {
            throw new IllegalArgumentException(file + ": " + problems.getMessage().replace("\n", "\n" + file + ": "), problems);
        }
    }
}
