package org.wsusremediator.server;

/**
 * The API's operations for another front end on the same server (the admin console): the very objects
 * {@code /api/v1} calls, so that a page can do nothing the API would refuse. Each operation checks its caller's role
 * itself; the front end only says who the caller is, through {@link Authenticator}.
 */
public record ApiServices(Api api, RunsApi runs, WindowsApi windows, Reports reports, Authenticator authenticator,
                          ServerConfig config) {
}
