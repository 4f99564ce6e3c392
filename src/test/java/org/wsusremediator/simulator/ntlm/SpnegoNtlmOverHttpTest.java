package org.wsusremediator.simulator.ntlm;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHostSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NTLM wrapped in SPNEGO (RFC 4178), as a client speaking real Negotiate sends it, over one keep-alive TCP
 * connection to a stock simulated host: the CHALLENGE comes back in a NegTokenResp, a wrapped AUTHENTICATE logs the
 * connection on (the 200 carries accept-completed), and a wrong password does not. No client installed here sends
 * SPNEGO-wrapped NTLM, so this test builds the tokens itself (NTLMv2 per MS-NLMP 3.3.2).
 */
class SpnegoNtlmOverHttpTest {

    private static final String ADDRESS = "127.61.3.1";
    private static final String PASSWORD = "spnego-secret-not-real";
    private static FleetSimulator simulator;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            port = probe.getLocalPort();
        }
        simulator = FleetSimulator.start(FleetFile.builder().port(port).account("LAB\\wsus-admin", "PW")
                .host(SimulatedHostSpec.typicalSp1Server2008("spnego-host", ADDRESS).build()).build(), Map.of("PW", PASSWORD));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aWrappedHandshakeLogsTheConnectionOn() throws Exception {
        try (Socket socket = new Socket(ADDRESS, port)) {
            Response challenge = post(socket, "Negotiate " + b64(negTokenInit(negotiate())));
            assertThat(challenge.status()).isEqualTo(401);
            byte[] resp = Base64.getDecoder().decode(challenge.header("www-authenticate").substring("Negotiate ".length()));
            assertThat(resp[0]).as("a NegTokenResp").isEqualTo((byte) 0xa1);
            byte[] ntlmChallenge = Spnego.unwrap(resp);
            assertThat(NtlmMessages.le32(ntlmChallenge, 8)).isEqualTo(NtlmMessages.CHALLENGE);

            Response loggedOn = post(socket, "Negotiate " + b64(negTokenResp(authenticate(ntlmChallenge, PASSWORD))));
            assertThat(loggedOn.status()).isEqualTo(200);
            assertThat(Base64.getDecoder().decode(loggedOn.header("www-authenticate").substring("Negotiate ".length())))
                    .isEqualTo(Spnego.completed());
            // the connection stays logged on: an empty POST without credentials is accepted
            assertThat(post(socket, null).status()).isEqualTo(200);
        }
        // a new connection is anonymous again
        try (Socket socket = new Socket(ADDRESS, port)) {
            Response anonymous = post(socket, null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers("www-authenticate")).containsExactly("Negotiate");
        }
    }

    @Test
    void aWrappedAuthenticateWithAWrongPasswordIsRefused() throws Exception {
        try (Socket socket = new Socket(ADDRESS, port)) {
            Response challenge = post(socket, "Negotiate " + b64(negTokenInit(negotiate())));
            byte[] ntlmChallenge = Spnego.unwrap(Base64.getDecoder().decode(challenge.header("www-authenticate").substring(10)));
            Response refused = post(socket, "Negotiate " + b64(negTokenResp(authenticate(ntlmChallenge, PASSWORD + "x"))));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers("www-authenticate")).containsExactly("Negotiate");
            assertThat(post(socket, null).status()).isEqualTo(401);
        }
    }

    private static byte[] negotiate() {
        int flags = NtlmFlags.UNICODE | NtlmFlags.SIGN | NtlmFlags.SEAL | NtlmFlags.NTLM | NtlmFlags.ALWAYS_SIGN
                | NtlmFlags.EXTENDED_SESSIONSECURITY | NtlmFlags.NEGOTIATE_128 | NtlmFlags.KEY_EXCH;
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN)
                .put(NtlmMessages.SIGNATURE).putInt(1).putInt(flags).putLong(0).putLong(0).array();
    }

    /** An NTLMv2 AUTHENTICATE for LAB\wsus-admin answering {@code challenge} (MS-NLMP 3.3.2), without KEY_EXCH key. */
    private static byte[] authenticate(byte[] challenge, String password) {
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
        int infoLength = NtlmMessages.le16(challenge, 40);
        int infoOffset = NtlmMessages.le32(challenge, 44);
        byte[] targetInfo = Arrays.copyOfRange(challenge, infoOffset, infoOffset + infoLength);
        byte[] blob = ByteBuffer.allocate(28 + targetInfo.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[]{1, 1, 0, 0, 0, 0, 0, 0}).putLong(NtlmMessages.filetime(System.currentTimeMillis()))
                .put("clientch".getBytes(StandardCharsets.US_ASCII)).putInt(0).put(targetInfo).putInt(0).array();
        byte[] ntowf = NtlmCrypto.ntowfV2(NtlmCrypto.ntHash(password), "wsus-admin", "LAB");
        byte[] proof = NtlmCrypto.hmacMd5(ntowf, serverChallenge, blob);
        byte[] nt = ByteBuffer.allocate(16 + blob.length).put(proof).put(blob).array();
        byte[][] fields = {new byte[24], nt, "LAB".getBytes(StandardCharsets.UTF_16LE),
                "wsus-admin".getBytes(StandardCharsets.UTF_16LE), "CLIENT".getBytes(StandardCharsets.UTF_16LE), new byte[0]};
        int offset = 72;
        int total = offset + Arrays.stream(fields).mapToInt(f -> f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN).put(NtlmMessages.SIGNATURE).putInt(3);
        for (byte[] f : fields) {
            b.putShort((short) f.length).putShort((short) f.length).putInt(offset);
            offset += f.length;
        }
        b.putInt(NtlmMessages.le32(challenge, 20) & ~NtlmFlags.KEY_EXCH).putLong(0);
        for (byte[] f : fields) {
            b.put(f);
        }
        return b.array();
    }

    private static byte[] negTokenInit(byte[] mechToken) throws IOException {
        ASN1EncodableVector init = new ASN1EncodableVector();
        init.add(new DERTaggedObject(true, 0, new DERSequence(Spnego.NTLMSSP)));
        init.add(new DERTaggedObject(true, 2, new DEROctetString(mechToken)));
        ASN1EncodableVector framed = new ASN1EncodableVector();
        framed.add(Spnego.SPNEGO);
        framed.add(new DERTaggedObject(true, 0, new DERSequence(init)));
        return new DERTaggedObject(false, BERTags.APPLICATION, 0, new DERSequence(framed)).getEncoded();
    }

    private static byte[] negTokenResp(byte[] responseToken) throws IOException {
        return new DERTaggedObject(true, 1, new DERSequence(new DERTaggedObject(true, 2, new DEROctetString(responseToken))))
                .getEncoded();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private record Response(int status, List<String[]> headerLines) {
        String header(String name) {
            return headers(name).get(0);
        }

        List<String> headers(String name) {
            return headerLines.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }
    }

    /** One empty POST /wsman on the kept connection; reads the response's head and its (empty) body. */
    private static Response post(Socket socket, String authorization) throws IOException {
        OutputStream out = socket.getOutputStream();
        String head = "POST /wsman HTTP/1.1\r\nHost: " + ADDRESS + ":" + port + "\r\nContent-Length: 0\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).strip();
                line.reset();
                if (text.isEmpty()) {
                    break;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        int length = 0;
        for (String h : lines.subList(1, lines.size())) {
            int colon = h.indexOf(':');
            String[] pair = {h.substring(0, colon).trim(), h.substring(colon + 1).trim()};
            headers.add(pair);
            if (pair[0].toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(pair[1]);
            }
        }
        in.readNBytes(length);
        return new Response(status, headers);
    }
}
