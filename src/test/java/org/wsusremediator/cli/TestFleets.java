package org.wsusremediator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Inventories, fleet files and admin files written for CLI tests; lab hosts moved to a port free right now. */
final class TestFleets {

    /** bob's lab token; its SHA-256 is in every admin file written here (and in inventory/admins.yaml). */
    static final String BOB_TOKEN = "lab-approver-token";
    /** Argon2id hash of the lab token "lab-approver-token" (inventory/admins.yaml). */
    static final String BOB_TOKEN_HASH = "$argon2id$v=19$m=19456,t=2,p=1$2GyBbzojId1sQafx1y7qmQ$7rA44kNR/KQSeWsbVmk1ol3bjjjzosds1tnGo/fD8ZY";

    private TestFleets() {
    }

    /** A port on which nothing listens at {@code address} now, so a test never meets a running lab simulator. */
    static int freePort(String address) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the lab inventory and its fleet file (and recipe) in {@code dir}, every port 55985 replaced by
     * {@code port} and the HTTPS hosts' 5986 by another free port (the lab CA's file is written beside them); {@code edit} changes the inventory text further. Returns the inventory's path.
     */
    static Path labCopy(Path dir, int port, java.util.function.UnaryOperator<String> edit) throws IOException {
        Files.createDirectories(dir.resolve("recipes"));
        Files.copy(Path.of("inventory/recipes/lab-rtm-workaround.yaml"), dir.resolve("recipes/lab-rtm-workaround.yaml"));
        // The lab's HTTPS hosts listen on 5986: moved too, to a port free on their addresses.
        String httpsPort = String.valueOf(freePort("127.54.0.16"));
        // WinRM 1.1's host listens on its stock port 80: moved as well, so that two copies can run side by side.
        String winrm11Port = String.valueOf(freePort("127.54.0.43"));
        Files.writeString(dir.resolve("lab-fleet.yaml"), Files.readString(Path.of("inventory/lab-fleet.yaml"))
                .replace("55985", String.valueOf(port)).replace("https: true,", "https: true, httpsPort: " + httpsPort + ",")
                .replace("    port: 80\n", "    port: " + winrm11Port + "\n"));
        Path inventory = dir.resolve("lab.yaml");
        String text = Files.readString(Path.of("inventory/lab.yaml")).replace("55985", String.valueOf(port))
                .replace("port: 5986,", "port: " + httpsPort + ",")
                .replace("address: 127.54.0.43, port: 80 }", "address: 127.54.0.43, port: " + winrm11Port + " }")
                .replace("file:reports/upgrades", "file:" + dir.resolve("upgrades"));
        Files.writeString(inventory, edit.apply(text));
        return inventory;
    }

    /** alice (this OS user) may request and approve; bob (the lab token) approves. */
    static Path admins(Path dir) throws IOException {
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                admins:
                  - { name: alice, roles: [requester, approver], osUsers: [%s] }
                  - { name: bob, roles: [approver], tokenHash: "%s" }
                """.formatted(System.getProperty("user.name"), BOB_TOKEN_HASH));
        return admins;
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
