package org.wsusremediator.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.ConsentException;
import org.wsusremediator.plan.SecretHash;
import picocli.CommandLine.Command;

/** {@code remediator admin hash}: what an admin directory stores of a token or password (docs/server.md). */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Admin directory helpers (admin hash, admin keygen).",
        subcommands = {AdminCommand.Hash.class, AdminCommand.Keygen.class})
public class AdminCommand {

    /** Where the secret is read from; tests put their own stream here. */
    static InputStream input = System.in;

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = {"Reads a token or password from standard input (its first line) and prints its Argon2id hash",
                    "(PHC string) for the admin file's tokenHash or passwordHash. The secret is never an argument:",
                    "arguments show in the process list and the shell's history."})
    static class Hash extends ConsoleCommand implements Callable<Integer> {

        @Override
        public Integer call() throws IOException {
            // One line, bounded: a secret is never longer than SecretHash.MAX_SECRET_CHARS.
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            char[] buffer = new char[SecretHash.MAX_SECRET_CHARS + 2];
            int n = 0;
            int c;
            while (n < buffer.length && (c = reader.read()) != -1 && c != '\n') {
                buffer[n++] = (char) c;
            }
            if (n > 0 && buffer[n - 1] == '\r') {
                n--;
            }
            if (n == 0) {
                throw new BadInput("nothing was read from standard input: give the secret there, e.g."
                        + " 'printf %s \"$TOKEN\" | remediator admin hash'");
            }
            if (n > SecretHash.MAX_SECRET_CHARS) {
                throw new BadInput("the secret is longer than " + SecretHash.MAX_SECRET_CHARS + " characters");
            }
            String secret = new String(buffer, 0, n);
            java.util.Arrays.fill(buffer, '\0');
            out().println(SecretHash.hash(secret));
            return ExitCodes.OK;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Makes an admin's own Ed25519 key pair: the private key is written to --out (PKCS#8 PEM,",
                    "created 0600, never overwritten, never printed) and the public key is printed, for the admin",
                    "file's signingKey. Then approve and reject sign with --sign-with FILE (docs/approvals.md)."})
    static class Keygen extends ConsoleCommand implements Callable<Integer> {

        @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "FILE",
                description = "where the private key goes (must not exist)")
        java.nio.file.Path out;

        @Override
        public Integer call() {
            String publicKey;
            try {
                publicKey = AdminSigner.generate(out);
            } catch (ConsentException refused) {
                throw new BadInput(refused.getMessage());
            }
            out().println("private key written to " + out + " (keep it to yourself; mode 0600)");
            out().println("add to your entry in the admin file:");
            out().println("  signingKey: \"" + publicKey + "\"");
            return ExitCodes.OK;
        }
    }
}
