package org.wsusremediator.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;

/**
 * Which certificate the CLI accepts from the server: the JVM's default trust, or exactly the CA certificates of a
 * PEM file ({@code --server-ca}, e.g. the lab server's own CA). Hostname verification stays on in both cases (the
 * JDK's HttpClient checks the name against the certificate).
 */
final class ServerTrust {

    private ServerTrust() {
    }

    static SSLContext of(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            String pem = InputFiles.readUtf8(caFile, InputLimits.CA_FILE_BYTES);
            if (pem.contains("PRIVATE KEY-----")) {
                throw new IllegalArgumentException("--server-ca " + caFile + " holds a private key: give only the CA"
                        + " certificate, and treat that key as exposed");
            }
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("--server-ca " + caFile + " holds no PEM certificate");
            }
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                anchors.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (InputFileException e) {
            throw new IllegalArgumentException("--server-ca " + caFile + " " + e.reason());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("--server-ca " + caFile + ": not PEM certificates (" + e.getMessage() + ")");
        }
    }
}
