package org.wsusremediator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Captured-style host outputs in src/test/resources/probe/, decoded as WinRM4J does here (UTF-8). */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/probe/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture probe/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded {@code name.stdout} and {@code name.stderr} of a command that exited 0. */
    static RemoteShell.CommandResult result(String name) {
        return new RemoteShell.CommandResult(0, text(name + ".stdout"), text(name + ".stderr"));
    }
}
