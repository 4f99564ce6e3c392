/**
 * The CLI's side of {@code remediator serve}: commands given {@code --server URL} call the server's REST API
 * ({@code /api/v1}, docs/server.md) instead of opening the store, so nobody but the server needs the fleet's WinRM
 * credentials, the admin directory or the store. The caller authenticates with their personal token from
 * {@code REMEDIATOR_ADMIN_TOKEN}; the token is never an argument and never printed.
 */
package org.wsusremediator.client;
