package org.wsusremediator.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The {@code --server} URL, checked before any token is sent: HTTPS, or plain HTTP only to a loopback address (the
 * server itself refuses a plain-HTTP listener anywhere else), so a personal token never crosses a network in clear.
 */
public record ServerAddress(URI base) {

    private static final int MAX_URL_CHARS = 2048;

    public static ServerAddress parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_CHARS) {
            throw new IllegalArgumentException("--server needs a URL such as https://remediator.example:8443");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("--server '" + url + "' must be an https:// URL with a host");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("--server '" + uri.getScheme() + "://" + uri.getHost()
                    + "…' must not carry a user, query or fragment (the token comes from REMEDIATOR_ADMIN_TOKEN)");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new IllegalArgumentException("--server " + url + ": plain http is allowed to a loopback address only;"
                    + " anything else would send your token in clear (use https)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return new ServerAddress(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    /** The URI of an API path such as {@code /api/v1/plans}. */
    public URI resolve(String apiPath) {
        return URI.create(base + apiPath);
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // only literal addresses: a name could resolve elsewhere later
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
