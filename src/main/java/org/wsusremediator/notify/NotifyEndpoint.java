package org.wsusremediator.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One configured Camel endpoint that plan events go to: {@code file:DIR}, an {@code http(s)://} webhook, or
 * {@code smtp(s)://} mail (with camel-mail on the class path).
 *
 * <p>A webhook's URL often is its secret (a chat hook's path, a token in the query), so the URI is never logged,
 * stored or put in a message: {@link #describe()} names scheme, host and port only, and the outbox keys rows by
 * {@link #key()}, its SHA-256.
 *
 * @param index where it is in the configured list (0-based), for messages: {@code approvals.notify[1]}
 */
public record NotifyEndpoint(int index, String uri) {

    /** The bean the http(s) endpoints take their timeouts from ({@link HttpTimeouts}). */
    static final String HTTP_CONFIGURER = "planEventsHttp";

    /** A mail endpoint's connect and read timeout, unless its URI sets {@code connectionTimeout}. */
    static final int MAIL_TIMEOUT_MILLIS = 15_000;

    /** The SHA-256 of the URI as configured: the outbox's name for this endpoint. */
    public String key() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public String scheme() {
        int colon = uri.indexOf(':');
        return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** Words for logs and messages that cannot hold a secret: "approvals.notify[1] (https://hooks.example:443/…)". */
    public String describe() {
        String where;
        if (scheme().equals("file")) {
            where = uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?'));
        } else {
            try {
                URI parsed = URI.create(uri.startsWith("smtp") && !uri.contains("://") ? uri.replaceFirst(":", "://") : uri);
                where = scheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort()) + "/…";
            } catch (IllegalArgumentException unparsable) {
                where = scheme() + ":…";
            }
        }
        return "approvals.notify[" + index + "] (" + where + ")";
    }

    /**
     * The URI a delivery is sent to: a file endpoint writes owner-only files (events name plans, hosts and people), a
     * webhook gets bounded timeouts ({@link HttpTimeouts}) so that one that hangs cannot hold the others.
     */
    String deliveryUri() {
        return switch (scheme()) {
            case "file" -> uri.contains("chmod") ? uri : withOption(uri, "chmod=600&chmodDirectory=700");
            case "http", "https" -> uri.contains("httpClientConfigurer") ? uri
                    : withOption(uri, "httpClientConfigurer=#" + HTTP_CONFIGURER);
            // camel-mail's default is 30 s for the connection and each read; a mail relay that hangs holds a send
            // thread, so it gets the same order of bound as a webhook. camel-mail takes the subject from the
            // Subject header only when told to: the route sets it from the event (Delivery#subject, safe characters).
            case "smtp", "smtps" -> mailUri();
            default -> uri;
        };
    }

    private String mailUri() {
        String bounded = uri.contains("connectionTimeout") ? uri : withOption(uri, "connectionTimeout=" + MAIL_TIMEOUT_MILLIS);
        return bounded.contains("useHeaderSubject") ? bounded : withOption(bounded, "useHeaderSubject=true");
    }

    private static String withOption(String uri, String option) {
        return uri + (uri.indexOf('?') < 0 ? "?" : "&") + option;
    }

    @Override
    public String toString() {
        return describe(); // never the URI: records print themselves in messages and debuggers
    }
}
