package org.wsusremediator.server;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;

/**
 * The server's TLS identity from PEM files (a certificate chain and its private key, as an admin gets them from
 * their CA or from openssl), parsed with Bouncy Castle into an in-memory key store for Camel's
 * {@link SSLContextParameters}. TLS 1.2 and 1.3 only.
 */
final class PemTls {

    private PemTls() {
    }

    static SSLContextParameters read(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        try {
            // The key store lives only in memory; its password protects nothing on disk, so it is random.
            char[] password = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(18)).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
            KeyStoreParameters ksp = new KeyStoreParameters();
            ksp.setKeyStore(store);
            ksp.setPassword(new String(password));
            KeyManagersParameters kmp = new KeyManagersParameters();
            kmp.setKeyStore(ksp);
            kmp.setKeyPassword(new String(password));
            SSLContextParameters parameters = new SSLContextParameters();
            parameters.setKeyManagers(kmp);
            SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
            protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
            SSLContextServerParameters server = new SSLContextServerParameters();
            server.setSecureSocketProtocols(protocols);
            parameters.setServerParameters(server);
            parameters.setSecureSocketProtocol("TLS");
            return parameters;
        } catch (GeneralSecurityException | IOException e) {
            // The key does not fit the certificate, or the JDK refuses it: the message names no secret.
            throw new ServerConfigException("tls: " + certificateFile + " and " + keyFile + " cannot be used together: "
                    + e.getClass().getSimpleName());
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(read(file)))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ServerConfigException("tls.certificate " + file + ": not a PEM certificate chain (" + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new ServerConfigException("tls.certificate " + file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(read(file)))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                // The private key only: an "EC PRIVATE KEY" may come without its public half.
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            // Never the parser's message: it may quote the file, which is a secret.
            throw new ServerConfigException("tls.key " + file + ": not an unencrypted PEM private key");
        }
        throw new ServerConfigException("tls.key " + file + ": no unencrypted PEM private key (PRIVATE KEY, RSA PRIVATE KEY"
                + " or EC PRIVATE KEY) in it");
    }

    private static String read(Path file) {
        try {
            return InputFiles.readUtf8(file, InputLimits.CA_FILE_BYTES);
        } catch (InputFileException e) {
            throw new ServerConfigException(file + " " + e.reason());
        }
    }
}
