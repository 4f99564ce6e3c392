package org.wsusremediator.store;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A process that opens a new embedded store and dies abruptly ({@link Runtime#halt}: no shutdown hooks, no
 * closing, as a SIGKILL) a given number of milliseconds after the first database file appears in its directory,
 * that is while the store is being created and migrated. Used by {@link StoreMigrationKillIT}.
 *
 * <p>Arguments: the data directory, the delay in milliseconds.
 */
public final class OpenStoreAndHalt {

    private OpenStoreAndHalt() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long delayMs = Long.parseLong(args[1]);
        Thread killer = new Thread(() -> {
            try {
                // Polled every millisecond in this thread: the delay counts from the file's first appearance.
                await("the first database file").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                        .pollInSameThread().until(() -> databaseFileExists(data));
                Thread.sleep(delayMs); // the delay asked for: not a wait for anything, the kill's moment
                Runtime.getRuntime().halt(99);
            } catch (ConditionTimeoutException neverAppeared) {
                Runtime.getRuntime().halt(98);
            } catch (Exception e) {
                Runtime.getRuntime().halt(97);
            }
        }, "killer");
        killer.setDaemon(true);
        killer.start();
        try (Store store = Store.open(Store.defaultH2Url(data), "sa", "")) {
            store.auditRecords();
        }
        // The store was complete before the delay ran out: say so, and let the delay end the process anyway.
        System.out.println("OPENED");
        System.out.flush();
        killer.join();
    }

    private static boolean databaseFileExists(Path data) {
        if (!Files.isDirectory(data)) {
            return false;
        }
        try (Stream<Path> files = Files.list(data)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
