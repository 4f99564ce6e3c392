package org.wsusremediator.inventory;

import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.YamlNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code caFile} bundles an inventory names, once per file however many hosts inherit it, and checks
 * them at load: a file that is missing, too big, not PEM certificates, holds a private key, or whose CA
 * certificates are not CAs or have expired is a located problem, before any host is visited. A relative path is
 * relative to the file it is written in (the inventory, or a CSV host list).
 */
final class CaFiles {

    /** The most certificates a bundle may hold: a corporate bundle has a handful, a public one some 150. */
    static final int MAX_CERTIFICATES = 500;

    private final Map<Path, CaBundle> read = new HashMap<>();
    private final Map<Path, String> refused = new HashMap<>();
    private final Instant now;

    CaFiles(Instant now) {
        this.now = now;
    }

    /** The bundle {@code written} names (resolved against {@code node}'s file), or null with a problem added. */
    CaBundle load(YamlNode node, String written, ProblemList problems) {
        Path base = node.file() == null ? null : node.file().toAbsolutePath().getParent();
        Path file = (base == null ? Path.of(written) : base.resolve(written)).toAbsolutePath().normalize();
        if (!read.containsKey(file) && !refused.containsKey(file)) {
            try {
                read.put(file, parse(file));
            } catch (InvalidValue problem) {
                refused.put(file, problem.getMessage());
            }
        }
        if (refused.containsKey(file)) {
            // every place that names the file is reported, so the admin finds each one
            problems.add(node, refused.get(file));
        }
        return read.get(file);
    }

    /** The bundle already read for {@code written} at {@code node} (null if it could not be read). */
    CaBundle get(YamlNode node, String written) {
        Path base = node.file() == null ? null : node.file().toAbsolutePath().getParent();
        return read.get((base == null ? Path.of(written) : base.resolve(written)).toAbsolutePath().normalize());
    }

    private CaBundle parse(Path file) throws InvalidValue {
        String text;
        try {
            text = InputFiles.readUtf8(file, InputLimits.CA_FILE_BYTES);
        } catch (InputFileException e) {
            throw new InvalidValue(e.reason().equals("not found") ? "CA file not found: " + file
                    : "CA file " + file + " " + e.reason());
        }
        if (text.contains("PRIVATE KEY-----")) {
            // Never needed to trust a server; whoever wrote it here may have leaked it. Not quoted.
            throw new InvalidValue("CA file " + file + " holds a private key: give only the CA certificates (PEM"
                    + " 'BEGIN CERTIFICATE' blocks), and treat that key as exposed");
        }
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidValue("CA file " + file + " holds no PEM certificate (expected '-----BEGIN CERTIFICATE-----'"
                    + " blocks, e.g. certutil -encode or openssl x509 -outform PEM)");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new InvalidValue("CA file " + file + " is not a valid PEM certificate bundle (" + e.getMessage() + ")");
        }
        if (parsed.size() > MAX_CERTIFICATES) {
            throw new InvalidValue("CA file " + file + " holds " + parsed.size() + " certificates; at most "
                    + MAX_CERTIFICATES + " are read");
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (Certificate c : parsed) {
            X509Certificate x = (X509Certificate) c;
            String subject = x.getSubjectX500Principal().getName();
            if (x.getBasicConstraints() < 0) {
                throw new InvalidValue("CA file " + file + ": '" + subject + "' is not a CA certificate (no basic"
                        + " constraints CA:true); name the certificate authority that issued the hosts' certificates,"
                        + " not a host's own certificate");
            }
            if (x.getNotAfter().toInstant().isBefore(now)) {
                throw new InvalidValue("CA file " + file + ": CA certificate '" + subject + "' expired on "
                        + x.getNotAfter().toInstant() + "; no certificate it issued can be trusted");
            }
            cas.add(x);
        }
        if (cas.isEmpty()) {
            throw new InvalidValue("CA file " + file + " holds no certificate");
        }
        return new CaBundle(file, cas);
    }
}
