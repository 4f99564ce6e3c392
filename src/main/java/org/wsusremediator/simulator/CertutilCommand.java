package org.wsusremediator.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code certutil -hashfile FILE [SHA1|SHA256|MD5]} as docs/remediation-protocol.md section 1 describes it: NT 6.x
 * prints {@code SHA256 hash of FILE:} and the hash as one run of lowercase hex digits; NT 5.x (older certutil)
 * {@code SHA256 hash of file FILE:} and the bytes as lowercase hex pairs separated by spaces. A missing file:
 * {@code CertUtil: -hashfile command FAILED: 0x80070002 (WIN32: 2)} and exit code 2. Other verbs are not simulated.
 */
final class CertutilCommand implements CmdCommand {

    static final String DONE = "CertUtil: -hashfile command completed successfully.";
    static final String NOT_FOUND = "CertUtil: -hashfile command FAILED: 0x80070002 (WIN32: 2)";

    @Override
    public int run(CommandCall call) {
        List<String> args = call.argv();
        if (args.isEmpty() || !args.get(0).equalsIgnoreCase("-hashfile") || args.size() < 2) {
            call.outLine("CertUtil: Unknown arg: " + (args.isEmpty() ? "" : args.get(0)));
            return 87;
        }
        String file = args.get(1);
        String algorithm = args.size() > 2 ? args.get(2).toUpperCase(Locale.ROOT) : "SHA1";
        String jca = switch (algorithm) {
            case "SHA1" -> "SHA-1";
            case "SHA256" -> "SHA-256";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            case "MD5" -> "MD5";
            default -> null;
        };
        if (jca == null) {
            call.outLine("CertUtil: -hashfile command FAILED: 0x80090008 (-2146893816 NTE_BAD_ALGID)");
            call.outLine("CertUtil: Invalid algorithm specified.");
            return -2146893816;
        }
        if (!call.host().certutilHashesSha256() && !algorithm.equals("SHA1") && !algorithm.equals("MD5")) {
            // Server 2003's certutil: SHA-256 is not among its -hashfile algorithms (guess: the argument is documented
            // only for later Windows); it answers as certutil does for an algorithm it does not know.
            call.outLine("CertUtil: -hashfile command FAILED: 0x80090008 (-2146893816 NTE_BAD_ALGID)");
            call.outLine("CertUtil: Invalid algorithm specified.");
            return -2146893816;
        }
        if (ShareAccess.isUnc(file) && ShareAccess.read(call, file).denied()) {
            call.outLine("CertUtil: -hashfile command FAILED: 0x80070005 (WIN32: 5)");
            call.outLine("CertUtil: Access is denied.");
            return 5;
        }
        var content = ShareAccess.isUnc(file)
                ? ShareAccess.read(call, file).pkg().map(p -> SimulatedFile.text(p.content()))
                : call.host().files().get(file);
        if (content.isEmpty()) {
            call.outLine(NOT_FOUND);
            return 2;
        }
        byte[] digest = digest(jca, content.get().content().getBytes(StandardCharsets.UTF_8));
        if (call.host().os().isServer2003()) {
            call.outLine(algorithm + " hash of file " + file + ":");
            call.outLine(HexFormat.ofDelimiter(" ").formatHex(digest));
        } else {
            call.outLine(algorithm + " hash of " + file + ":");
            call.outLine(HexFormat.of().formatHex(digest));
        }
        call.outLine(DONE);
        return 0;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
