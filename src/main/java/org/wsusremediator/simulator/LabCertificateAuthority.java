package org.wsusremediator.simulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's lab certificate authority: a CA key and self-signed CA certificate made when the simulator
 * starts, and the certificates the hosts' HTTPS listeners present, all built with Bouncy Castle's X.509
 * builders (no hand-made ASN.1). The CA's private key never leaves this object; only the CA certificate is
 * written out ({@link #writeCertificatePem}), for clients and the lab inventory to trust.
 *
 * <p>Every host certificate shares one key pair made at start: RSA key generation costs tens of milliseconds,
 * a certificate (one signature) well under one, so a fleet of thousands of HTTPS hosts starts in seconds
 * (docs/simulator-https.md gives the figures). Sharing a key is a lab shortcut, never what real hosts do.
 */
public final class LabCertificateAuthority {

    /** What real Windows server certificates mostly use (the "Web Server"/"Computer" templates): RSA 2048. */
    private static final int KEY_BITS = 2048;
    private static final String SIGNATURE = "SHA256withRSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration HOST_VALIDITY = Duration.ofDays(397);
    /** Issued before "now" so that a client whose clock is a little behind still accepts it. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    /** The expired certificate's window ended this long ago. */
    private static final Duration EXPIRED_AGO = Duration.ofDays(30);
    /** A wrong-name certificate is for this name and this address (TEST-NET-1, never a lab address). */
    static final String WRONG_NAME_SUFFIX = ".elsewhere.lab.invalid";
    static final String WRONG_NAME_ADDRESS = "192.0.2.1";

    private final Clock clock;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final KeyPair hostKeys;
    private final SecureRandom random = new SecureRandom();

    private LabCertificateAuthority(Clock clock, KeyPair caKeys, X509Certificate caCertificate, KeyPair hostKeys) {
        this.clock = clock;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.hostKeys = hostKeys;
    }

    /** A new CA (new keys, a new self-signed certificate) for one run of the simulator. */
    public static LabCertificateAuthority create() {
        return create(Clock.systemUTC());
    }

    static LabCertificateAuthority create(Clock clock) {
        KeyPair caKeys = newKeyPair();
        Instant now = clock.instant();
        X500Name subject = name("WSUS Remediator Lab CA " + now.getEpochSecond(), "WSUS Remediator lab");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate ca = sign(builder, caKeys.getPrivate());
            return new LabCertificateAuthority(clock, caKeys, ca, newKeyPair());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the lab certificate authority: " + e, e);
        }
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    /** The CA certificate as PEM text (public part only). */
    public String certificatePem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(caCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the CA certificate as PEM to {@code file}, replacing what was there (a CA of an earlier run): written
     * to a temporary file beside it, then moved, so a client never reads half a certificate.
     */
    public void writeCertificatePem(Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, certificatePem(), StandardCharsets.US_ASCII);
                if (Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                    // a certificate is public: other users' clients (pywinrm, curl) may read it
                    Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab CA certificate to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The private key of every host certificate (shared: see the class comment). */
    PrivateKey hostKey() {
        return hostKeys.getPrivate();
    }

    /**
     * The certificate chain a host's HTTPS listener presents, leaf first: for {@code kind} LAB_CA, a certificate
     * the lab CA issued for the host's name (DNS SAN) and address (IP SAN) with the serverAuth EKU that WinRM
     * requires; the negative kinds differ from it in exactly one way.
     */
    List<X509Certificate> chainFor(String hostName, String address, WinRmServiceSpec.CertificateKind kind) {
        Instant now = clock.instant();
        return switch (kind) {
            case LAB_CA -> List.of(issue(hostName, address, now.minus(BACKDATE), now.plus(HOST_VALIDITY)), caCertificate);
            case EXPIRED -> List.of(issue(hostName, address, now.minus(EXPIRED_AGO).minus(HOST_VALIDITY),
                    now.minus(EXPIRED_AGO)), caCertificate);
            case WRONG_NAME -> List.of(issue(hostName.toLowerCase(Locale.ROOT) + WRONG_NAME_SUFFIX, WRONG_NAME_ADDRESS,
                    now.minus(BACKDATE), now.plus(HOST_VALIDITY)), caCertificate);
            case SELF_SIGNED -> List.of(selfSigned(hostName, address, now.minus(BACKDATE), now.plus(HOST_VALIDITY)));
        };
    }

    private X509Certificate issue(String dnsName, String address, Instant from, Instant to) {
        return build(X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), caKeys.getPublic(),
                caKeys.getPrivate(), dnsName, address, from, to);
    }

    /** Issuer = subject, signed with its own key: what {@code New-SelfSignedCertificate} makes on Windows. */
    private X509Certificate selfSigned(String dnsName, String address, Instant from, Instant to) {
        return build(null, hostKeys.getPublic(), hostKeys.getPrivate(), dnsName, address, from, to);
    }

    private X509Certificate build(X500Name issuer, PublicKey issuerKey, PrivateKey signingKey, String dnsName,
                                  String address, Instant from, Instant to) {
        X500Name subject = name(dnsName, null);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            GeneralNames sans = new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, dnsName),
                    new GeneralName(GeneralName.iPAddress, address)});
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer == null ? subject : issuer,
                    serial(random), Date.from(from), Date.from(to), subject, hostKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, sans)
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(hostKeys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKey));
            return sign(builder, signingKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a lab certificate for " + dnsName + ": " + e, e);
        }
    }

    private static X500Name name(String commonName, String organization) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null) {
            b.addRDN(BCStyle.O, organization);
        }
        return b.addRDN(BCStyle.CN, commonName).build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Positive, 127 bits of randomness (RFC 5280 allows up to 20 octets). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no RSA key generator in this JVM", e);
        }
    }
}
