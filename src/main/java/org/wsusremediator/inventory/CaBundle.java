package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate authorities a host's HTTPS certificate must chain to, read from the inventory's
 * {@code caFile} (a PEM bundle). A host with one trusts exactly these; a host without one trusts the JVM's
 * default trust store.
 *
 * @param file         the file they were read from (absolute), for messages
 * @param certificates the CA certificates, at least one, in the order of the file
 */
public record CaBundle(Path file, List<X509Certificate> certificates) {

    public CaBundle {
        Objects.requireNonNull(file, "file");
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a CA bundle holds at least one certificate");
        }
    }
}
