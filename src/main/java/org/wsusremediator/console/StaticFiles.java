package org.wsusremediator.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console's style sheet and script, from {@code console/static} on the class path: only the names listed here,
 * so no request names any other file. Read once.
 */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "console.css", "text/css; charset=utf-8",
            "live.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> files;

    StaticFiles() {
        java.util.HashMap<String, byte[]> read = new java.util.HashMap<>();
        TYPES.keySet().forEach(name -> read.put(name, read(name)));
        files = Map.copyOf(read);
    }

    Response.File get(String name) {
        byte[] bytes = name == null ? null : files.get(name);
        if (bytes == null) {
            return new Response.File(404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
        }
        return new Response.File(200, TYPES.get(name), bytes);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream("console/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/static/" + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
