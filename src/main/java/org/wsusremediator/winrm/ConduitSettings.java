package org.wsusremediator.winrm;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPConduitConfigurer;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduit;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduitFactory;
import io.cloudsoft.winrm4j.client.encryption.AsyncHttpEncryptionAwareConduitFactory;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.wsusremediator.inventory.AuthScheme;
import org.wsusremediator.inventory.CaBundle;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Transport;

/**
 * Applies a host's timeouts and TLS opt-out to the HTTP conduit CXF creates for it. Needed because WinRM4J
 * 0.12.3 applies its own connect/receive timeouts and its certificate opt-out only for NTLM, Kerberos and
 * SPNEGO: with Basic, CXF's defaults (30 s connect, 60 s receive) would stay whatever the inventory says, and a
 * stalled host would hold a visit for a minute. CXF calls this for every conduit, keyed by endpoint address.
 * It also keeps each NTLM visit on one connection ({@link #oneConnectionPerVisit}).
 */
final class ConduitSettings implements HTTPConduitConfigurer {

    private final Map<String, HostEntry> hostsByEndpoint = new ConcurrentHashMap<>();
    /** One trust manager per CA bundle, shared by every host that names it (built once, not per visit). */
    private final Map<CaBundle, TrustManager[]> trustManagers = new ConcurrentHashMap<>();

    void register(HostEntry host) {
        hostsByEndpoint.put(host.endpoint(), host);
    }

    void unregister(HostEntry host) {
        hostsByEndpoint.remove(host.endpoint(), host);
    }

    /**
     * The HttpClient settings of a visit's own connection pool: one connection, to one host, and so one I/O dispatcher
     * thread (CXF's default is one per core, each a thread started and stopped for every NTLM visit).
     */
    private static final Map<String, Object> ONE_CONNECTION = Map.of(
            AsyncHTTPConduitFactory.MAX_CONNECTIONS, "1",
            AsyncHTTPConduitFactory.MAX_PER_HOST_CONNECTIONS, "1",
            AsyncHTTPConduitFactory.THREAD_COUNT, "1");

    @Override
    public void configure(String name, String address, HTTPConduit conduit) {
        oneConnectionPerVisit(conduit);
        HostEntry host = address == null ? null : hostsByEndpoint.get(address);
        if (host == null) {
            return;
        }
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setAllowChunking(false);
        policy.setConnectionTimeout(host.timeouts().connect().toMillis());
        policy.setReceiveTimeout(host.timeouts().receive().toMillis());
        conduit.setClient(policy);
        if (host.auth() != AuthScheme.BASIC) {
            conduit.setAuthSupplier(new RefusedChallenge(conduit.getAuthSupplier()));
        }
        if (host.transport() == Transport.HTTPS) {
            conduit.setTlsClientParameters(tlsFor(host));
        }
    }

    /**
     * An NTLM logon, and with it the sealing keys and sequence numbers, belongs to one TCP connection on the host; in
     * WinRM4J it belongs to the visit's one credentials object. WinRM4J 0.12.3 gives every NTLM client a connection
     * pool of its own (its {@code AsyncHttpEncryptionAwareConduitFactory}, built with CXF's defaults of 1,000
     * connections per host), and HttpClient returns a connection to the pool only after it has handed the response
     * over: under load the visit's next request found its connection still leased and opened a second one. That one
     * logged on afresh and reset the visit's keys, and the next request sent on the first connection was refused
     * with 400 (a sequence number the host did not expect). With one connection per pool, the next request waits for
     * the connection to come back (within the connection-request timeout). The bus's shared pool, which Basic and
     * Kerberos visits use, is not touched: its factory is CXF's own class.
     */
    static void oneConnectionPerVisit(HTTPConduit conduit) {
        if (conduit instanceof AsyncHTTPConduit async
                && async.getAsyncHTTPConduitFactory() instanceof AsyncHttpEncryptionAwareConduitFactory visitPool) {
            visitPool.update(ONE_CONNECTION);
        }
    }

    private TLSClientParameters tlsFor(HostEntry host) {
        TLSClientParameters tls = new TLSClientParameters();
        if (host.verifyTls()) {
            if (host.caFile() != null) {
                // Exactly the inventory's CAs for this host, not the JVM's: the handshake fails, before any
                // HTTP request (and so any credential) is sent, unless the certificate chains to one of them.
                tls.setTrustManagers(trustManagers.computeIfAbsent(host.caFile(), ConduitSettings::trusting));
            }
            // CXF's own verifier throws a RuntimeException on a name mismatch, inside the HTTP client's shared I/O
            // reactor thread: the reactor dies, and every visit in flight on it waits for ever. HttpClient's
            // verifier answers false instead, and only this host's handshake fails (with an SSLException).
            tls.setHostnameVerifier(new DefaultHostnameVerifier());
        } else {
            // The admin opted this one host out of verification in the inventory (never a default or a group).
            tls.setDisableCNCheck(true);
            tls.setTrustManagers(new TrustManager[] {new TrustingManager()});
        }
        return tls;
    }

    /** The JDK's PKIX trust manager over exactly the bundle's CAs (validity, chain and key usage checked). */
    private static TrustManager[] trusting(CaBundle bundle) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate ca : bundle.certificates()) {
                anchors.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager from " + bundle.file() + ": " + e, e);
        }
    }

    /** Accepts any certificate: only for hosts whose inventory entry says {@code verifyTls: false}. */
    private static final class TrustingManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // verification explicitly turned off for this host
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
